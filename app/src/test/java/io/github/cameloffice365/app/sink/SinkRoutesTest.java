package io.github.cameloffice365.app.sink;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.EndpointHelper;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.util.URISupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The office365 endpoint of each sink route, as its placeholders resolve from the properties. */
class SinkRoutesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "office365-to-blob.yaml,office365.blob,container,https://contosolake.blob.core.windows.net/mgdc/exports/mail",
        "office365-to-adls.yaml,office365.adls,file-system,https://contosolake.dfs.core.windows.net/mgdc/exports/mail"
    })
    void shouldNameTheStorageUrlAsTheDestinationAndKeepCredentialsOutOfTheUri(String file, String prefix, String container,
                                                                        String destination) throws Exception {
        Properties properties = new Properties();
        properties.put("office365.table", "BasicDataSet_v0.Message_v1");
        properties.put("office365.date-filter-column", "ReceivedDateTime");
        properties.put("office365.start-time", "2024-03-01T00:00:00Z");
        properties.put("office365.end-time", "2024-04-01T00:00:00Z");
        properties.put("office365.allowed-groups", "");
        properties.put("office365.user-scope-filter-uri", "");
        properties.put("office365.output-columns", "");
        properties.put("office365.repeat-count", "1");
        properties.put(prefix + ".account", "contosolake");
        properties.put(prefix + "." + container, "mgdc");
        properties.put(prefix + ".folder", "exports/mail");

        String uri = resolvedFromUri(file, properties);

        assertThat(uri).startsWith("office365:BasicDataSet_v0.Message_v1?").doesNotContain("{{");
        Map<String, String> options = options(uri);
        assertThat(options).containsEntry("destination", destination)
                .containsEntry("dateFilterColumn", "ReceivedDateTime")
                .containsEntry("startTime", "2024-03-01T00:00:00Z")
                .containsEntry("repeatCount", "1")
                .doesNotContainKeys("partSize", "servicePrincipalKey", "office365TenantId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "office365-to-blob.yaml,office365.blob,container",
        "office365-to-adls.yaml,office365.adls,file-system"
    })
    void shouldNameAConfiguredEndpointAsTheDestination(String file, String prefix, String container) throws Exception {
        Properties properties = new Properties();
        properties.put("office365.table", "BasicDataSet_v0.User_v1");
        properties.put("office365.repeat-count", "1");
        properties.put("office365.part-size", "8388608");
        for (String unset : List.of("date-filter-column", "start-time", "end-time", "allowed-groups", "user-scope-filter-uri",
                "output-columns")) {
            properties.put("office365." + unset, "");
        }
        properties.put(prefix + ".account", "contosolake");
        properties.put(prefix + ".endpoint", "https://127.0.0.1:10000/contosolake");
        properties.put(prefix + "." + container, "mgdc");
        properties.put(prefix + ".folder", "users");

        String uri = resolvedFromUri(file, properties);

        assertThat(options(uri))
                .containsEntry("destination", "https://127.0.0.1:10000/contosolake/mgdc/users")
                .containsEntry("partSize", "8388608");
    }

    private static Map<String, String> options(String uri) throws Exception {
        Map<String, String> options = new java.util.TreeMap<>();
        URISupport.parseQuery(uri.substring(uri.indexOf('?') + 1)).forEach((name, value) ->
                options.put(name, java.net.URLDecoder.decode(value.toString(), java.nio.charset.StandardCharsets.UTF_8)));
        return options;
    }

    private static String resolvedFromUri(String file, Properties properties) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setInitialProperties(properties);
            PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "classpath:routes/" + file));
            RouteDefinition route = context.getRouteDefinitions().get(0);
            return EndpointHelper.resolveEndpointUriPropertyPlaceholders(context, route.getInput().getEndpointUri());
        }
    }
}
