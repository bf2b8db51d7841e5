package io.github.cameloffice365.app.sink;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The service's own explanation of a refusal, taken from the error bodies of the Blob (XML) and dfs (JSON) APIs. */
class StorageAccessDeniedPolicyTest {

    static Stream<Arguments> errorBodies() {
        return Stream.of(
                Arguments.of("Blob error with an authentication detail",
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed</Code><Message>Server"
                        + " failed to authenticate the request.\nRequestId:1\nTime:2026-01-01T00:00:00Z</Message>"
                        + "<AuthenticationErrorDetail>Invalid token audience.</AuthenticationErrorDetail></Error>",
                        "Invalid token audience."),
                Arguments.of("Blob error without a detail",
                        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthorizationPermissionMismatch</Code>"
                        + "<Message>This request is not authorized to perform this operation using this permission.\n"
                        + "RequestId:2\nTime:2026-01-01T00:00:00Z</Message></Error>",
                        "This request is not authorized to perform this operation using this permission."),
                Arguments.of("dfs error",
                        "{\"error\":{\"code\":\"InvalidAuthenticationInfo\",\"message\":\"Server failed to authenticate the"
                        + " request.\\nRequestId:3\\nTime:2026-01-01T00:00:00Z\\nAudience validation failed.\"}}",
                        "Server failed to authenticate the request. Audience validation failed."),
                Arguments.of("empty body", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorBodies")
    void shouldKeepTheServicesExplanationWithoutRequestIdAndTime(String name, String body, String detail) {
        assertThat(StorageAccessDeniedPolicy.detail(body)).isEqualTo(detail);
    }
}
