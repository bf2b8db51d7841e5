package io.github.cameloffice365.app.sink;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Turns a storage service's refusal of the service principal (HTTP 401 or 403) into a
 * {@link StorageAccessDeniedException} whose message names the endpoint, the service principal, the service's error
 * code and detail, and what to change: the token audience, the role assignment, or the tenant.
 */
final class StorageAccessDeniedPolicy implements HttpPipelinePolicy {

    private static final Pattern XML_DETAIL = Pattern.compile("<AuthenticationErrorDetail>(.*?)</AuthenticationErrorDetail>",
            Pattern.DOTALL);
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String endpoint;
    private final StorageCredentialSettings settings;

    StorageAccessDeniedPolicy(String endpoint, StorageCredentialSettings settings) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_CALL;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().flatMap(response -> isRefusal(response)
                ? response.getBodyAsString().defaultIfEmpty("").flatMap(body -> Mono.error(refusal(response, body)))
                : Mono.just(response));
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        if (isRefusal(response)) {
            throw refusal(response, response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString());
        }
        return response;
    }

    private static boolean isRefusal(HttpResponse response) {
        return response.getStatusCode() == 401 || response.getStatusCode() == 403;
    }

    private StorageAccessDeniedException refusal(HttpResponse response, String body) {
        String code = Objects.toString(response.getHeaderValue("x-ms-error-code"), "no error code");
        String detail = detail(body);
        StringBuilder message = new StringBuilder()
                .append("Azure Storage at ").append(endpoint).append(" refused the service principal ")
                .append(settings.clientId()).append(" of tenant ").append(settings.tenantId())
                .append(" (HTTP ").append(response.getStatusCode()).append(' ').append(code)
                .append(detail.isEmpty() ? "" : ": " + detail).append("). ");
        String lower = (code + " " + detail).toLowerCase(Locale.ROOT);
        if (lower.contains("audience")) {
            message.append("The token was requested for the audience ").append(settings.audience())
                    .append(" (property office365.storage.audience); Azure Storage accepts tokens for ")
                    .append(StorageSinkProperties.DEFAULT_AUDIENCE).append(" or for the account's own endpoint.");
        } else if (lower.contains("issuer") || lower.contains("tenant")) {
            message.append("The token was issued by tenant ").append(settings.tenantId())
                    .append(" (property office365.storage.tenant-id); the storage account must belong to, or trust, that"
                            + " tenant.");
        } else if (lower.contains("permission") || lower.contains("authorization")) {
            message.append("Grant the service principal the Storage Blob Data Contributor role on the container or"
                           + " filesystem (or the account), then run again.");
        } else {
            message.append("Check that the service principal exists in tenant ").append(settings.tenantId())
                    .append(", that tokens are requested for ").append(settings.audience())
                    .append(", and that it holds the Storage Blob Data Contributor role.");
        }
        return new StorageAccessDeniedException(message.toString(), response, code);
    }

    /** The service's own explanation, without its RequestId and Time lines. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Matcher xmlDetail = XML_DETAIL.matcher(body);
        if (xmlDetail.find()) {
            return xmlDetail.group(1).strip();
        }
        Matcher xml = XML_MESSAGE.matcher(body);
        Matcher json = JSON_MESSAGE.matcher(body);
        String text = xml.find() ? xml.group(1) : json.find() ? json.group(1).replace("\\n", "\n") : "";
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("RequestId:") && !trimmed.startsWith("Time:")) {
                kept.append(kept.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        return kept.toString();
    }
}
