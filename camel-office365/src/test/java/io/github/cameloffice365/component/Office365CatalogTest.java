package io.github.cameloffice365.component;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog JSON the build generates is the component's user documentation: every option described, secrets marked. */
class Office365CatalogTest {

    private static final String CATALOG = "META-INF/io/github/cameloffice365/component/office365.json";

    @Test
    void shouldDescribeEveryOptionAndMarkTheSecrets() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(CATALOG)) {
            assertThat(in).as(CATALOG + " on the class path").isNotNull();
            catalog = new ObjectMapper().readTree(in);
        }

        List<String> undocumented = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties", "headers")) {
            for (Map.Entry<String, JsonNode> option : catalog.path(section).properties()) {
                if (option.getValue().path("description").asText().isBlank()) {
                    undocumented.add(section + "." + option.getKey());
                }
            }
        }
        assertThat(undocumented).as("options without documentation").isEmpty();
        assertThat(catalog.path("properties").path("servicePrincipalKey").path("secret").asBoolean()).isTrue();
        assertThat(catalog.path("properties").path("servicePrincipalCertificatePassword").path("secret").asBoolean())
                .isTrue();
        assertThat(catalog.path("properties").path("office365TenantId").path("secret").asBoolean()).isFalse();
        assertThat(catalog.path("properties").size()).as("endpoint options").isGreaterThan(25);
    }
}
