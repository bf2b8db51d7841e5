package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.tenant.ItemSource;
import io.github.cameloffice365.simulator.tenant.Mailbox;
import io.github.cameloffice365.simulator.tenant.Tenant;
import io.github.cameloffice365.simulator.tenant.TenantUser;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Outlook part of Graph for one user: messages (all folders or one well-known folder), events, calendar
 * view, contacts and mailbox settings. Only users with an Exchange Online mailbox are answered.
 */
final class MailboxResources {

    /** Outlook's default page size. */
    static final int DEFAULT_PAGE_SIZE = 10;
    /** The largest page Outlook serves. */
    static final int MAX_PAGE_SIZE = 1000;
    private static final String INVALID_PAGE_TOKEN = "ErrorInvalidUrlQuery";

    private final Tenant tenant;
    private final CollectionResponder collections;
    private final ScriptedPages scripts;

    MailboxResources(Tenant tenant, CollectionResponder collections, ScriptedPages scripts) {
        this.tenant = tenant;
        this.collections = collections;
        this.scripts = scripts;
    }

    /** The error code of an unknown page token on mailbox collections. */
    static String invalidPageTokenCode() {
        return INVALID_PAGE_TOKEN;
    }

    /** Messages of every folder ({@code folder == null}) or of one well-known folder. */
    void listMessages(GraphRequest request, String userName, String folder) throws IOException {
        TenantUser user = mailboxOwner(userName);
        Predicate<ObjectNode> inFolder = item -> true;
        String context = "users('" + userName + "')/messages";
        if (folder != null) {
            String wellKnown = folder.toLowerCase(Locale.ROOT);
            if (!Mailbox.WELL_KNOWN_FOLDERS.contains(wellKnown)) {
                throw GraphException.badRequest("ErrorInvalidIdMalformed", "Id is malformed.");
            }
            inFolder = item -> Mailbox.folderOf(item).equals(wellKnown);
            context = "users('" + userName + "')/mailFolders('" + folder + "')/messages";
        }
        listItems(request, OutlookItemType.MESSAGE, tenant.mailbox(user.id()).messages(), inFolder, context);
    }

    void listEvents(GraphRequest request, String userName) throws IOException {
        TenantUser user = mailboxOwner(userName);
        listItems(request, OutlookItemType.EVENT, tenant.mailbox(user.id()).events(), item -> true,
                "users('" + userName + "')/events");
    }

    /** Events overlapping {@code [startDateTime, endDateTime)}; both parameters are required. */
    void listCalendarView(GraphRequest request, String userName) throws IOException {
        TenantUser user = mailboxOwner(userName);
        String start = request.query().get("startDateTime").orElse(null);
        String end = request.query().get("endDateTime").orElse(null);
        if (start == null || end == null) {
            throw GraphException.badRequest("ErrorInvalidParameter", "This request requires a time window specified "
                    + "by the query string parameters StartDateTime and EndDateTime.");
        }
        Instant windowStart = windowBound(start, "StartDateTime");
        Instant windowEnd = windowBound(end, "EndDateTime");
        Predicate<ObjectNode> overlaps = event -> {
            Instant eventStart = eventTime(event.get("start"));
            Instant eventEnd = eventTime(event.get("end"));
            return eventStart != null && eventEnd != null && eventStart.isBefore(windowEnd)
                    && eventEnd.isAfter(windowStart);
        };
        listItems(request, OutlookItemType.EVENT, tenant.mailbox(user.id()).events(), overlaps,
                "users('" + userName + "')/calendarView");
    }

    void listContacts(GraphRequest request, String userName) throws IOException {
        TenantUser user = mailboxOwner(userName);
        listItems(request, OutlookItemType.CONTACT, tenant.mailbox(user.id()).contacts(), item -> true,
                "users('" + userName + "')/contacts");
    }

    void getMailboxSettings(GraphRequest request, String userName) throws IOException {
        TenantUser user = mailboxOwner(userName);
        ObjectNode settings = tenant.mailbox(user.id()).settings();
        ObjectNode body = Json.object();
        body.put("@odata.context", request.metadataUrl() + "users('" + userName + "')/mailboxSettings");
        body.setAll(settings != null ? settings : defaultSettings());
        TenantUser.removeMetadata(body);
        Responses.sendGraphJson(request.exchange(), 200, body);
    }

    private void listItems(GraphRequest request, OutlookItemType type, ItemSource source,
            Predicate<ObjectNode> scope, String context) throws IOException {
        BodyPreference preference = BodyPreference.of(request.exchange());
        OutlookItemProjection projection = OutlookItemProjection.of(type, request.query(), preference.text());
        Predicate<ObjectNode> filter = request.query().get("$filter")
                .map(text -> ItemFilter.compile(text, type)).orElse(item -> true);
        Predicate<ObjectNode> matches = scope.and(filter);
        OrderBy orderBy = OrderBy.parse(request.query(), type);
        int requested = request.query().top(Integer.MAX_VALUE, "BadRequest")
                .map(top -> Math.min(top, MAX_PAGE_SIZE))
                .orElse(preference.maxPageSize() > 0 ? Math.min(preference.maxPageSize(), MAX_PAGE_SIZE)
                        : DEFAULT_PAGE_SIZE);
        preference.applyTo(request.exchange(), request.query().get("$top").isEmpty());
        collections.respond(request, new CollectionResponder.Collection(
                request.metadataUrl() + context + projection.contextSuffix(),
                () -> orderBy == null ? ItemView.of(source, matches)
                        : ItemView.orderedByDate(source, matches, orderBy.property(), orderBy.descending()),
                scripts.effectivePageSize(request.path(), requested), projection::apply, false));
    }

    private TenantUser mailboxOwner(String userName) {
        TenantUser user = tenant.user(userName).orElseThrow(() -> GraphException.notFound("ErrorInvalidUser",
                "The requested user '" + userName + "' is invalid."));
        if (!user.hasExchangeOnlineMailbox()) {
            throw GraphException.notFound("MailboxNotEnabledForRESTAPI",
                    "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
        }
        return user;
    }

    private static Instant windowBound(String value, String name) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException offsetMissing) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw GraphException.badRequest("ErrorInvalidParameter", "The value '" + value + "' of parameter '"
                        + name + "' is invalid.");
            }
        }
    }

    private static Instant eventTime(JsonNode dateTimeTimeZone) {
        if (dateTimeTimeZone == null || !dateTimeTimeZone.hasNonNull("dateTime")) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(dateTimeTimeZone.get("dateTime").asText());
            String zone = dateTimeTimeZone.path("timeZone").asText("UTC");
            ZoneId zoneId;
            try {
                zoneId = ZoneId.of(zone);
            } catch (DateTimeException unknownZone) {
                zoneId = ZoneOffset.UTC;
            }
            return local.atZone(zoneId).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ObjectNode defaultSettings() {
        ObjectNode settings = Json.object();
        settings.put("archiveFolder", "");
        settings.put("timeZone", "UTC");
        ObjectNode replies = settings.putObject("automaticRepliesSetting");
        replies.put("status", "disabled");
        replies.put("externalAudience", "all");
        replies.put("internalReplyMessage", "");
        replies.put("externalReplyMessage", "");
        settings.putObject("language").put("locale", "en-US").put("displayName", "English (United States)");
        ObjectNode hours = settings.putObject("workingHours");
        List<String> days = new ArrayList<>(List.of("monday", "tuesday", "wednesday", "thursday", "friday"));
        days.forEach(hours.putArray("daysOfWeek")::add);
        hours.put("startTime", "08:00:00.0000000");
        hours.put("endTime", "17:00:00.0000000");
        hours.putObject("timeZone").put("name", "UTC");
        settings.put("dateFormat", "M/d/yyyy");
        settings.put("timeFormat", "h:mm tt");
        settings.put("delegateMeetingMessageDeliveryOptions", "sendToDelegateOutsideOnly");
        settings.put("userPurpose", "user");
        return settings;
    }

    /** {@code $orderby} on a date-time property, which must also lead the filter when there is one. */
    private record OrderBy(String property, boolean descending) {

        static OrderBy parse(ODataQuery query, OutlookItemType type) {
            String value = query.get("$orderby").orElse(null);
            if (value == null) {
                return null;
            }
            String[] parts = value.trim().split("\\s+");
            String property = type.canonical(parts[0]).orElseThrow(() -> GraphException.badRequest(
                    "RequestBroker--ParseUri", "Could not find a property named '" + parts[0]
                            + "' on type 'microsoft.graph." + type.typeName() + "'."));
            if (!OutlookItemType.isDateTime(property) || parts.length > 2 || (parts.length == 2
                    && !parts[1].equalsIgnoreCase("asc") && !parts[1].equalsIgnoreCase("desc"))) {
                throw GraphException.badRequest("BadRequest", "$orderby '" + value + "' is not supported: this "
                        + "service orders by one date-time property, asc or desc.");
            }
            query.get("$filter").ifPresent(filter -> {
                if (!ItemFilter.firstProperty(filter, type).equals(property)) {
                    throw GraphException.badRequest("InefficientFilter",
                            "The restriction or sort order is too complex for this operation.");
                }
            });
            return new OrderBy(property, parts.length == 2 && parts[1].equalsIgnoreCase("desc"));
        }
    }
}
