package io.github.cameloffice365.simulator.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson mapper of the simulator.
 */
public final class Json {

    /** Shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
