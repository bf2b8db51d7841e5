package io.github.cameloffice365.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MGDC tables camel-office365 extracts, by name. Each table is described as data: its columns in the order MGDC
 * writes them, which of them a date filter may apply to, the Graph resource per user, and the conversions of its
 * entity type (which nested values are enumerations, timestamps, dates or times of day). Adding a table means adding
 * one such description here.
 *
 * <p>Column names and order, date filter columns and conversions follow Microsoft's published MGDC samples and
 * dataset documentation; the Graph resources follow the Graph v1.0 reference.
 */
public final class DatasetCatalog {

    public static final String MESSAGE_V1 = "BasicDataSet_v0.Message_v1";
    public static final String SENT_ITEM_V1 = "BasicDataSet_v0.SentItem_v1";
    public static final String INBOX_V1 = "BasicDataSet_v0.Inbox_v1";
    public static final String EVENT_V1 = "BasicDataSet_v0.Event_v1";
    public static final String CONTACT_V1 = "BasicDataSet_v0.Contact_v1";
    public static final String USER_V1 = "BasicDataSet_v0.User_v1";
    public static final String MAILBOX_SETTINGS_V0 = "BasicDataSet_v0.MailboxSettings_v0";

    /** Conversions of a Graph message; shared by every message table. */
    private static final ValueRules MESSAGE_RULES = ValueRules.builder()
            .timestamps("createdDateTime", "lastModifiedDateTime", "receivedDateTime", "sentDateTime",
                    "attachments.lastModifiedDateTime")
            .enumeration("bodyType", "body.contentType", "uniqueBody.contentType")
            .enumeration("followupFlagStatus", "flag.flagStatus")
            .build();

    /** Conversions of a Graph event. */
    private static final ValueRules EVENT_RULES = ValueRules.builder()
            .timestamps("createdDateTime", "lastModifiedDateTime", "originalStart", "responseStatus.time",
                    "attendees.status.time", "attachments.lastModifiedDateTime")
            .dates("recurrence.range.startDate", "recurrence.range.endDate")
            .enumeration("bodyType", "body.contentType")
            .enumeration("responseType", "responseStatus.response", "attendees.status.response")
            .enumeration("attendeeType", "attendees.type")
            .enumeration("locationType", "location.locationType", "locations.locationType")
            .enumeration("locationUniqueIdType", "location.uniqueIdType", "locations.uniqueIdType")
            .enumeration("recurrencePatternType", "recurrence.pattern.type")
            .enumeration("dayOfWeek", "recurrence.pattern.daysOfWeek", "recurrence.pattern.firstDayOfWeek")
            .enumeration("weekIndex", "recurrence.pattern.index")
            .enumeration("recurrenceRangeType", "recurrence.range.type")
            .enumeration("phoneType", "onlineMeeting.phones.type")
            .build();

    /** Conversions of a Graph contact. */
    private static final ValueRules CONTACT_RULES = ValueRules.builder()
            .timestamps("createdDateTime", "lastModifiedDateTime", "birthday")
            .build();

    /** Conversions of a Graph user. */
    private static final ValueRules USER_RULES = ValueRules.builder()
            .timestamps("birthday", "hireDate", "createdDateTime", "onPremisesLastSyncDateTime",
                    "assignedPlans.assignedDateTime")
            .build();

    /** Conversions of Graph mailbox settings. */
    private static final ValueRules MAILBOX_SETTINGS_RULES = ValueRules.builder()
            .enumeration("automaticRepliesStatus", "automaticRepliesSetting.status")
            .enumeration("externalAudienceScope", "automaticRepliesSetting.externalAudience")
            .enumeration("dayOfWeek", "workingHours.daysOfWeek",
                    "workingHours.timeZone.standardOffset.dayOfWeek", "workingHours.timeZone.daylightOffset.dayOfWeek")
            .timesOfDay("workingHours.startTime", "workingHours.endTime",
                    "workingHours.timeZone.standardOffset.time", "workingHours.timeZone.daylightOffset.time")
            .build();

    private static final Map<String, Dataset> TABLES = tables();

    private DatasetCatalog() {
    }

    /** The table of this name, matched without regard to case, e.g. {@code BasicDataSet_v0.Message_v1}. */
    public static Optional<Dataset> find(String tableName) {
        if (tableName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(TABLES.get(tableName.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The table of this name, for validating the tableName option.
     *
     * @throws IllegalArgumentException naming the option, the value and the accepted table names
     */
    public static Dataset get(String tableName) {
        return find(tableName).orElseThrow(() -> new IllegalArgumentException("Option tableName has the value '"
                + tableName + "', which is not a table camel-office365 extracts; accepted: "
                + String.join(", ", names())));
    }

    /** The names of every table, in catalogue order. */
    public static List<String> names() {
        return TABLES.values().stream().map(Dataset::name).toList();
    }

    private static Map<String, Dataset> tables() {
        List<Dataset> all = List.of(
                Dataset.builder(MESSAGE_V1)
                        .userCollection("/users/{id}/messages")
                        .columns(messageColumns(true))
                        .requiresDateFilter()
                        .odataType("#microsoft.graph.message")
                        .valueRules(MESSAGE_RULES)
                        .build(),
                Dataset.builder(SENT_ITEM_V1)
                        .userCollection("/users/{id}/mailFolders/sentitems/messages")
                        .columns(messageColumns(false))
                        .requiresDateFilter()
                        .odataType("#microsoft.graph.message")
                        .valueRules(MESSAGE_RULES)
                        .build(),
                Dataset.builder(INBOX_V1)
                        .userCollection("/users/{id}/mailFolders/inbox/messages")
                        .columns(messageColumns(true))
                        .odataType("#microsoft.graph.message")
                        .valueRules(MESSAGE_RULES)
                        .build(),
                Dataset.builder(EVENT_V1)
                        .userCollection("/users/{id}/events")
                        .columns(eventColumns())
                        .requiresDateFilter()
                        .odataType("#microsoft.graph.event")
                        .valueRules(EVENT_RULES)
                        .build(),
                Dataset.builder(CONTACT_V1)
                        .userCollection("/users/{id}/contacts")
                        .columns(plain("id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
                                "parentFolderId", "birthday", "fileAs", "displayName", "givenName", "initials",
                                "middleName", "nickName", "surname", "title", "yomiGivenName", "yomiSurname",
                                "yomiCompanyName", "generation", "imAddresses", "jobTitle", "companyName", "department",
                                "officeLocation", "profession", "businessHomePage", "assistantName", "manager",
                                "homePhones", "mobilePhone", "businessPhones", "spouseName", "personalNotes",
                                "children", "emailAddresses", "homeAddress", "businessAddress", "otherAddress"))
                        .odataType("#microsoft.graph.contact")
                        .valueRules(CONTACT_RULES)
                        .build(),
                // the ten SharePoint profile properties (aboutMe ... skills) are only returned for a single user
                Dataset.builder(USER_V1)
                        .userObject("/users/{id}", true)
                        .directory()
                        .columns(plain("aboutMe", "birthday", "hireDate", "interests", "mySite", "pastProjects",
                                "preferredName", "responsibilities", "schools", "skills", "accountEnabled", "ageGroup",
                                "businessPhones", "city", "companyName", "consentProvidedForMinor", "country",
                                "createdDateTime", "department", "displayName", "givenName", "id", "imAddresses",
                                "jobTitle", "legalAgeGroupClassification", "mail", "mailNickname", "mobilePhone",
                                "officeLocation", "onPremisesImmutableId", "onPremisesLastSyncDateTime",
                                "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "passwordPolicies",
                                "postalCode", "preferredLanguage", "proxyAddresses", "state", "streetAddress",
                                "surname", "usageLocation", "userPrincipalName", "userType", "assignedLicenses",
                                "assignedPlans", "provisionedPlans"))
                        .valueRules(USER_RULES)
                        .build(),
                // Graph selects one mailbox setting by path, not by $select: the row writer keeps the columns asked for
                Dataset.builder(MAILBOX_SETTINGS_V0)
                        .userObject("/users/{id}/mailboxSettings", false)
                        .columns(plain("archiveFolder", "timeZone", "delegateMeetingMessageDeliveryOptions",
                                "dateFormat", "timeFormat", "automaticRepliesSetting", "language", "workingHours"))
                        .odataType("#microsoft.graph.mailboxSettings")
                        .valueRules(MAILBOX_SETTINGS_RULES)
                        .build());
        Map<String, Dataset> byName = new LinkedHashMap<>();
        all.forEach(dataset -> byName.put(dataset.name().toLowerCase(Locale.ROOT), dataset));
        return byName;
    }

    /** The columns of a message table; Message_v1 and Inbox_v1 have internetMessageHeaders, SentItem_v1 has not. */
    private static List<DatasetColumn> messageColumns(boolean withInternetMessageHeaders) {
        List<DatasetColumn> columns = new ArrayList<>();
        columns.add(DatasetColumn.of("id"));
        columns.add(DatasetColumn.of("createdDateTime").asDateFilter());
        columns.add(DatasetColumn.of("lastModifiedDateTime").asDateFilter());
        columns.addAll(plain("changeKey", "categories"));
        columns.add(DatasetColumn.of("receivedDateTime").asDateFilter());
        columns.add(DatasetColumn.of("sentDateTime").asDateFilter());
        columns.addAll(plain("hasAttachments", "internetMessageId", "subject", "bodyPreview", "importance",
                "parentFolderId", "conversationId", "conversationIndex", "isDeliveryReceiptRequested",
                "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification"));
        if (withInternetMessageHeaders) {
            // Graph returns the headers only when selected, and leaves them out for a message that has none (as MGDC)
            columns.add(DatasetColumn.of("internetMessageHeaders").asOmittedWhenAbsent());
        }
        columns.add(DatasetColumn.of("body").asBody());
        columns.addAll(plain("sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo"));
        columns.add(DatasetColumn.of("uniqueBody").asBody());
        columns.add(DatasetColumn.of("flag"));
        columns.add(DatasetColumn.of("attachments").asExpanded());
        return columns;
    }

    private static List<DatasetColumn> eventColumns() {
        List<DatasetColumn> columns = new ArrayList<>();
        columns.add(DatasetColumn.of("id"));
        columns.add(DatasetColumn.of("createdDateTime").asDateFilter());
        columns.add(DatasetColumn.of("lastModifiedDateTime").asDateFilter());
        columns.addAll(plain("changeKey", "categories", "transactionId", "originalStartTimeZone",
                "originalEndTimeZone", "iCalUId", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments",
                "subject", "bodyPreview", "importance", "sensitivity", "originalStart", "isAllDay", "isCancelled",
                "isOrganizer", "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl",
                "isOnlineMeeting", "onlineMeetingProvider", "allowNewTimeProposals", "responseStatus"));
        columns.add(DatasetColumn.of("body").asBody());
        columns.addAll(plain("start", "end", "location", "locations", "recurrence", "attendees", "organizer",
                "onlineMeeting"));
        columns.add(DatasetColumn.of("attachments").asExpanded());
        return columns;
    }

    private static List<DatasetColumn> plain(String... names) {
        return Stream.of(names).map(DatasetColumn::of).toList();
    }
}
