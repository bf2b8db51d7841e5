package io.github.cameloffice365.simulator.identity;

import io.github.cameloffice365.simulator.tenant.Tenant;

import java.util.Map;

/**
 * One call of the token endpoint.
 *
 * @param tenant the tenant named in the path
 * @param parameters the form parameters; credentials sent with HTTP Basic appear as {@code client_id} and
 *        {@code client_secret}
 * @param tokenEndpointUrl the absolute URL the request was sent to
 * @param baseUrl the simulator's base URL
 */
public record TokenRequest(Tenant tenant, Map<String, String> parameters, String tokenEndpointUrl, String baseUrl) {

    /** A parameter, or {@code null}. */
    public String parameter(String name) {
        String value = parameters.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A parameter that must be present. */
    public String requiredParameter(String name) throws TokenErrorException {
        String value = parameter(name);
        if (value == null) {
            throw TokenErrorException.missingParameter(name);
        }
        return value;
    }
}
