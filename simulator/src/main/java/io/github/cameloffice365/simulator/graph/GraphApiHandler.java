package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.cameloffice365.simulator.http.GraphException;
import io.github.cameloffice365.simulator.http.Json;
import io.github.cameloffice365.simulator.http.Responses;
import io.github.cameloffice365.simulator.http.SpillingResponseBody;
import io.github.cameloffice365.simulator.tenant.Tenant;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves Graph v1.0 ({@code GET /v1.0/...}) from a tenant: routes each path to the directory or mailbox
 * resources, resumes nextLinks, and serves scripted pages in place of the tenant's data. Throws
 * {@link GraphException} for Graph's error answers; authentication and throttling happen before (see
 * {@link GraphGate}).
 */
public final class GraphApiHandler implements HttpHandler {

    /** An application addressed by its alternate key: {@code applications(appId='...')}. */
    private static final Pattern APPLICATION_BY_APP_ID =
            Pattern.compile("applications\\(appId='([^']*)'\\)", Pattern.CASE_INSENSITIVE);

    private final Supplier<String> baseUrl;
    private final ScriptedPages scripts;
    private final PageCursors cursors = new PageCursors();
    private final CollectionResponder collections = new CollectionResponder(cursors);
    private final DirectoryResources directory;
    private final MailboxResources mailboxes;

    /** A handler serving this tenant; the base URL is read per request. */
    public GraphApiHandler(Tenant tenant, Supplier<String> baseUrl, ScriptedPages scripts) {
        this.baseUrl = baseUrl;
        this.scripts = scripts;
        this.directory = new DirectoryResources(tenant, collections, scripts);
        this.mailboxes = new MailboxResources(tenant, collections, scripts);
    }

    /** Forgets the cursors of every issued nextLink. */
    public void forgetPageCursors() {
        cursors.clear();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            throw new GraphException(405, "Request_BadRequest", "The HTTP method '" + exchange.getRequestMethod()
                    + "' is not supported by this service, which serves GET requests only.");
        }
        GraphRequest request = new GraphRequest(exchange, baseUrl.get());
        request.resumedState(cursors.resume(request.rawPathAndQuery(), request.query(), invalidTokenCode(request)));
        if (request.resumedState() instanceof ScriptedPages.ScriptPosition position) {
            serveScripted(request, position);
            return;
        }
        if (request.resumedState() == null) {
            var script = scripts.find(request.path());
            if (script.isPresent()) {
                serveScripted(request, new ScriptedPages.ScriptPosition(script.get(), 0));
                return;
            }
        }
        route(request);
    }

    private void route(GraphRequest request) throws IOException {
        List<String> s = request.segments().stream().map(segment -> segment.toLowerCase(Locale.ROOT)).toList();
        List<String> original = request.segments();
        if (s.isEmpty()) {
            throw GraphException.badRequest("BadRequest", "Invalid version: the path names no resource.");
        }
        switch (s.get(0)) {
            case "users" -> routeUsers(request, s, original);
            case "groups" -> routeGroups(request, s, original);
            default -> routeApplications(request, s, original);
        }
    }

    /** {@code /applications(appId='{appId}')/owners}: the application addressed by its application (client) id. */
    private void routeApplications(GraphRequest request, List<String> s, List<String> original) throws IOException {
        Matcher byAppId = APPLICATION_BY_APP_ID.matcher(original.get(0));
        if (!byAppId.matches()) {
            throw unknownSegment(original.get(0));
        }
        if (s.size() == 2 && s.get(1).equals("owners")) {
            directory.listApplicationOwners(request, byAppId.group(1));
        } else {
            throw unknownSegment(original.get(Math.min(1, original.size() - 1)));
        }
    }

    private void routeUsers(GraphRequest request, List<String> s, List<String> original) throws IOException {
        if (s.size() == 1) {
            directory.listUsers(request);
            return;
        }
        String user = original.get(1);
        if (s.size() == 2) {
            directory.getUser(request, user);
            return;
        }
        String resource = s.get(2);
        if (s.size() == 3) {
            switch (resource) {
                case "manager" -> directory.getManager(request, user);
                case "directreports" -> directory.listDirectReports(request, user);
                case "messages" -> mailboxes.listMessages(request, user, null);
                case "events" -> mailboxes.listEvents(request, user);
                case "calendarview" -> mailboxes.listCalendarView(request, user);
                case "contacts" -> mailboxes.listContacts(request, user);
                case "mailboxsettings" -> mailboxes.getMailboxSettings(request, user);
                default -> throw unknownSegment(original.get(2));
            }
            return;
        }
        if (s.size() == 4 && resource.equals("calendar") && s.get(3).equals("events")) {
            mailboxes.listEvents(request, user);
        } else if (s.size() == 4 && resource.equals("calendar") && s.get(3).equals("calendarview")) {
            mailboxes.listCalendarView(request, user);
        } else if (s.size() == 5 && resource.equals("mailfolders") && s.get(4).equals("messages")) {
            mailboxes.listMessages(request, user, original.get(3));
        } else {
            throw unknownSegment(original.get(Math.min(3, original.size() - 1)));
        }
    }

    private void routeGroups(GraphRequest request, List<String> s, List<String> original) throws IOException {
        if (s.size() == 1) {
            directory.listGroups(request);
            return;
        }
        String group = original.get(1);
        if (s.size() == 2) {
            directory.getGroup(request, group);
            return;
        }
        boolean transitive = s.get(2).equals("transitivemembers");
        if (!transitive && !s.get(2).equals("members")) {
            throw unknownSegment(original.get(2));
        }
        if (s.size() == 3) {
            directory.listMembers(request, group, transitive, false);
        } else if (s.size() == 4 && s.get(3).equals("microsoft.graph.user")) {
            directory.listMembers(request, group, transitive, true);
        } else {
            throw unknownSegment(original.get(3));
        }
    }

    private void serveScripted(GraphRequest request, ScriptedPages.ScriptPosition position) throws IOException {
        List<List<ObjectNode>> pages = position.script().pages();
        request.exchange().getResponseHeaders().set("Content-Type", Responses.GRAPH_JSON);
        try (JsonGenerator json = Json.MAPPER.getFactory()
                .createGenerator(new SpillingResponseBody(request.exchange(), 200))) {
            json.writeStartObject();
            json.writeStringField("@odata.context", request.metadataUrl() + "Collection(microsoft.graph.entity)");
            json.writeArrayFieldStart("value");
            for (ObjectNode item : pages.get(position.pageIndex())) {
                json.writeTree(item);
            }
            json.writeEndArray();
            if (position.pageIndex() + 1 < pages.size()) {
                json.writeStringField("@odata.nextLink", collections.nextLink(request,
                        new ScriptedPages.ScriptPosition(position.script(), position.pageIndex() + 1)));
            }
            json.writeEndObject();
        }
    }

    private static String invalidTokenCode(GraphRequest request) {
        List<String> segments = request.segments();
        return segments.size() >= 3 && segments.get(0).equalsIgnoreCase("users")
                && !segments.get(2).equalsIgnoreCase("directReports") && !segments.get(2).equalsIgnoreCase("manager")
                ? MailboxResources.invalidPageTokenCode() : DirectoryResources.invalidPageTokenCode();
    }

    private static GraphException unknownSegment(String segment) {
        return GraphException.badRequest("BadRequest", "Resource not found for the segment '" + segment + "'.");
    }
}
