package io.github.cameloffice365.governance.approval;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.github.cameloffice365.governance.approval.ApproversTestBed.ALICE;
import static io.github.cameloffice365.governance.approval.ApproversTestBed.APPROVER_GROUP_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The approvers' API against hostile input: a crafted token header, and a Graph page that points elsewhere. */
class ApproversApiHardeningTest {

    private ApproversTestBed bed;
    private HttpServer elsewhere;
    private final List<String> authorizationsReceivedElsewhere = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bed = new ApproversTestBed();
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            authorizationsReceivedElsewhere.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"value\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        elsewhere.start();
    }

    @AfterEach
    void stop() throws Exception {
        elsewhere.stop(0);
        bed.close();
    }

    @Test
    void shouldAnswer401InvalidTokenWhenTheTokenHeaderNamesAnAlgorithmWithALineBreak() throws Exception {
        String[] parts = bed.accessTokenOf(ALICE).split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\\r\\nSet-Cookie: approver=yes\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = bed.call("GET", "/api/consent/requests", header + "." + parts[1] + ".", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(bed.json(response).path("error").asText()).isEqualTo("invalid_token");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void shouldNeverSendTheApplicationsGraphTokenToAnotherOriginNamedByANextLink() throws Exception {
        String foreign = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/v1.0/groups/x/transitiveMembers";
        bed.graph().faults().on("GET", "/v1.0/groups/" + APPROVER_GROUP_ID + "/transitiveMembers").respond(200)
                .jsonBody("{\"value\":[],\"@odata.nextLink\":\"" + foreign + "\"}").times(1);

        bed.call("GET", "/api/consent/me", bed.accessTokenOf(ALICE), null);

        assertThat(authorizationsReceivedElsewhere).as("Authorization headers received by " + foreign)
                .allSatisfy(value -> assertThat(value).doesNotStartWith("Bearer"));
    }
}
