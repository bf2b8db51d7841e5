package io.github.cameloffice365.app.sink;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.github.cameloffice365.graph.AccessTokenSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hands the Azure SDK's storage clients the tokens of the component's own {@link AccessTokenSource}, so that Graph and
 * storage tokens come from one code path: one msal4j client per service principal, the same authority rules and the
 * same cache.
 *
 * <p>
 * The token source keeps each token until shortly before it expires and does not tell when that is, so the SDK is told
 * that a token lives for one minute: it asks again about once a minute and gets the cached token back at no cost.
 */
public final class AccessTokenSourceCredential implements TokenCredential {

    /** How long the SDK may keep a token before it asks again; far shorter than the source's renewal margin. */
    static final Duration REPORTED_LIFETIME = Duration.ofMinutes(1);

    private final AccessTokenSource source;
    private final String tenantId;

    /**
     * @param source   the token source of the service principal
     * @param tenantId the tenant the source gets tokens from, to refuse a request for another one clearly
     */
    public AccessTokenSourceCredential(AccessTokenSource source, String tenantId) {
        this.source = Objects.requireNonNull(source, "source");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        return Mono.fromCallable(() -> getTokenSync(request)).subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public AccessToken getTokenSync(TokenRequestContext request) {
        List<String> scopes = request.getScopes();
        if (scopes.size() != 1) {
            throw new IllegalArgumentException("A storage token is requested for exactly one scope, got " + scopes);
        }
        if (request.getTenantId() != null && !request.getTenantId().equalsIgnoreCase(tenantId)) {
            throw new IllegalStateException("Azure Storage asked for a token of tenant " + request.getTenantId()
                                            + ", but the sink's service principal is configured for tenant " + tenantId
                                            + " (office365.storage.tenant-id); the storage account must trust that tenant");
        }
        String token = source.accessToken(scopes.get(0));
        return new AccessToken(token, OffsetDateTime.now().plus(REPORTED_LIFETIME));
    }
}
