package io.github.cameloffice365.simulator.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Outlook item types the simulator serves, with their v1.0 property names (for {@code $select},
 * {@code $filter} and {@code $orderby} checks) and the properties served only when selected.
 */
enum OutlookItemType {

    MESSAGE("message", Set.of("internetMessageHeaders", "uniqueBody"), List.of("id", "createdDateTime",
            "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime", "hasAttachments",
            "internetMessageId", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId",
            "conversationIndex", "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft",
            "webLink", "inferenceClassification", "body", "sender", "from", "toRecipients", "ccRecipients",
            "bccRecipients", "replyTo", "flag", "uniqueBody", "internetMessageHeaders", "attachments",
            "singleValueExtendedProperties", "multiValueExtendedProperties", "extensions")),
    EVENT("event", Set.of(), List.of("id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
            "transactionId", "originalStartTimeZone", "originalEndTimeZone", "iCalUId", "uid",
            "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "bodyPreview", "importance",
            "sensitivity", "isAllDay", "isCancelled", "isOrganizer", "responseRequested", "seriesMasterId", "showAs",
            "type", "webLink", "onlineMeetingUrl", "isOnlineMeeting", "onlineMeetingProvider",
            "allowNewTimeProposals", "occurrenceId", "isDraft", "hideAttendees", "responseStatus", "body", "start",
            "end", "location", "locations", "recurrence", "attendees", "organizer", "onlineMeeting", "originalStart",
            "attachments", "cancelledOccurrences", "exceptionOccurrences")),
    CONTACT("contact", Set.of(), List.of("id", "createdDateTime", "lastModifiedDateTime", "changeKey",
            "categories", "parentFolderId", "birthday", "fileAs", "displayName", "givenName", "initials",
            "middleName", "nickName", "surname", "title", "yomiGivenName", "yomiSurname", "yomiCompanyName",
            "generation", "imAddresses", "jobTitle", "companyName", "department", "officeLocation", "profession",
            "businessHomePage", "assistantName", "manager", "homePhones", "mobilePhone", "businessPhones",
            "spouseName", "personalNotes", "children", "emailAddresses", "homeAddress", "businessAddress",
            "otherAddress"));

    private final String typeName;
    private final Set<String> selectOnly;
    private final Map<String, String> canonical = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    OutlookItemType(String typeName, Set<String> selectOnly, List<String> properties) {
        this.typeName = typeName;
        this.selectOnly = selectOnly;
        properties.forEach(name -> canonical.put(name, name));
    }

    /** The Graph type name, e.g. {@code message}. */
    String typeName() {
        return typeName;
    }

    /** The property's name as Graph spells it, if the type has it. */
    Optional<String> canonical(String name) {
        return Optional.ofNullable(canonical.get(name));
    }

    /** Whether a property is served only when {@code $select} names it. */
    boolean isSelectOnly(String property) {
        return selectOnly.contains(property);
    }

    /** Whether a property holds a DateTimeOffset (its name ends in {@code DateTime}). */
    static boolean isDateTime(String property) {
        return property.endsWith("DateTime");
    }
}
