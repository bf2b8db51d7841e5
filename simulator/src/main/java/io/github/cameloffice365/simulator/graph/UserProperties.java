package io.github.cameloffice365.simulator.graph;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What Graph v1.0 knows about the user type: its properties, the default set returned without {@code $select},
 * the SharePoint-profile properties that only a single-user GET returns, and which properties {@code $filter}
 * supports with which operators (without advanced queries).
 */
final class UserProperties {

    /** Returned when no {@code $select} is given. */
    static final List<String> DEFAULT = List.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");

    /** Served by a single-user GET only; selecting one on a collection is an error. */
    static final Set<String> SHAREPOINT_PROFILE = Set.of("aboutme", "birthday", "hiredate", "interests", "mysite",
            "pastprojects", "preferredname", "responsibilities", "schools", "skills");

    private static final List<String> ALL = List.of("aboutMe", "accountEnabled", "ageGroup", "assignedLicenses",
            "assignedPlans", "authorizationInfo", "birthday", "businessPhones", "city", "companyName",
            "consentProvidedForMinor", "country", "createdDateTime", "creationType", "deletedDateTime", "department",
            "displayName", "employeeHireDate", "employeeId", "employeeLeaveDateTime", "employeeOrgData",
            "employeeType", "externalUserState", "externalUserStateChangeDateTime", "faxNumber", "givenName",
            "hireDate", "id", "identities", "imAddresses", "interests", "isResourceAccount", "jobTitle",
            "lastPasswordChangeDateTime", "legalAgeGroupClassification", "licenseAssignmentStates", "mail",
            "mailNickname", "mobilePhone", "mySite", "officeLocation", "onPremisesDistinguishedName",
            "onPremisesDomainName", "onPremisesExtensionAttributes", "onPremisesImmutableId",
            "onPremisesLastSyncDateTime", "onPremisesProvisioningErrors", "onPremisesSamAccountName",
            "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "onPremisesUserPrincipalName", "otherMails",
            "passwordPolicies", "passwordProfile", "pastProjects", "postalCode", "preferredDataLocation",
            "preferredLanguage", "preferredName", "provisionedPlans", "proxyAddresses", "responsibilities", "schools",
            "securityIdentifier", "serviceProvisioningErrors", "showInAddressList", "signInSessionsValidFromDateTime",
            "skills", "state", "streetAddress", "surname", "usageLocation", "userPrincipalName", "userType");

    private static final Set<String> FILTERABLE_TEXT = Set.of("city", "companyname", "country", "department",
            "displayname", "employeeid", "employeetype", "givenname", "jobtitle", "mail", "mailnickname",
            "mobilephone", "officelocation", "onpremisessamaccountname", "onpremisesuserprincipalname", "postalcode",
            "preferredlanguage", "state", "streetaddress", "surname", "usagelocation", "userprincipalname",
            "usertype", "agegroup", "creationtype", "externaluserstate");
    private static final Set<String> FILTERABLE_EQUALITY_ONLY = Set.of("id", "accountenabled",
            "onpremisessyncenabled");

    private static final Map<String, String> CANONICAL = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ALL.forEach(name -> CANONICAL.put(name, name));
    }

    private UserProperties() {
    }

    /** The property's name as Graph spells it, if it is a user property. */
    static Optional<String> canonical(String name) {
        return Optional.ofNullable(CANONICAL.get(name));
    }

    /** Whether {@code $filter} supports this operator ({@code eq}, {@code startswith}) on the property. */
    static boolean supportsFilter(String property, String operator) {
        String lower = property.toLowerCase(Locale.ROOT);
        if (operator.equals("eq")) {
            return FILTERABLE_TEXT.contains(lower) || FILTERABLE_EQUALITY_ONLY.contains(lower);
        }
        if (operator.equals("startswith")) {
            return FILTERABLE_TEXT.contains(lower);
        }
        return false;
    }

    /** Whether the property is a boolean. */
    static boolean isBoolean(String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        return lower.equals("accountenabled") || lower.equals("onpremisessyncenabled");
    }

    /** All user property names, in Graph's spelling. */
    static Set<String> all() {
        return new LinkedHashSet<>(ALL);
    }
}
