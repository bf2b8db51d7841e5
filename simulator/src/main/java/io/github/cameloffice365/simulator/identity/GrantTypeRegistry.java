package io.github.cameloffice365.simulator.identity;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grant types the token endpoint answers, each with its handler. The simulator registers
 * {@code client_credentials}; other parts add {@code authorization_code}, {@code password}, ...
 */
public final class GrantTypeRegistry {

    private final Map<String, GrantHandler> handlers = new ConcurrentHashMap<>();

    /** Registers (or replaces) the handler of a grant type. */
    public GrantTypeRegistry register(String grantType, GrantHandler handler) {
        handlers.put(Objects.requireNonNull(grantType, "grantType"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** The handler of a grant type. */
    public Optional<GrantHandler> find(String grantType) {
        return Optional.ofNullable(handlers.get(grantType));
    }

    /** The registered grant types. */
    public Set<String> grantTypes() {
        return Set.copyOf(handlers.keySet());
    }
}
