package io.github.cameloffice365.app.sink;

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
        "office365-to-adls.yaml,office365.adls,fileSystem,https://contosolake.dfs.core.windows.net/mgdc/exports/mail"
    })
    void shouldNameTheStorageUrlAsTheDestinationAndLeaveUnsetOptionsOut(String file, String prefix, String container,
                                                                        String destination) throws Exception {
        Properties properties = new Properties();
        properties.put("office365.table", "BasicDataSet_v0.Message_v1");
        properties.put("office365.tenantId", "11111111-1111-1111-1111-111111111111");
        properties.put("office365.servicePrincipalId", "22222222-2222-2222-2222-222222222222");
        properties.put("office365.servicePrincipalKey", "secret");
        properties.put(prefix + ".account", "contosolake");
        properties.put(prefix + "." + container, "mgdc");
        properties.put(prefix + ".folder", "exports/mail");

        String uri = resolvedFromUri(file, properties);

        assertThat(uri).startsWith("office365:BasicDataSet_v0.Message_v1?").doesNotContain("{{");
        Map<String, String> options = options(uri);
        assertThat(options).containsEntry("destination", destination)
                .containsEntry("office365TenantId", "11111111-1111-1111-1111-111111111111")
                .containsEntry("servicePrincipalKey", "RAW(secret)")
                .doesNotContainKeys("allowedGroups", "userScopeFilterUri", "startTime", "endTime", "partSize");
        assertThat(options.get("servicePrincipalCertificatePassword")).as("an unset secret option is empty")
                .isEqualTo("RAW()");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "office365-to-blob.yaml,office365.blob,container",
        "office365-to-adls.yaml,office365.adls,fileSystem"
    })
    void shouldNameAConfiguredEndpointAsTheDestination(String file, String prefix, String container) throws Exception {
        Properties properties = new Properties();
        properties.put("office365.table", "BasicDataSet_v0.User_v1");
        properties.put("office365.tenantId", "t");
        properties.put("office365.servicePrincipalId", "c");
        properties.put(prefix + ".account", "contosolake");
        properties.put(prefix + ".endpoint", "https://127.0.0.1:10000/contosolake");
        properties.put(prefix + "." + container, "mgdc");
        properties.put(prefix + ".folder", "users");

        String uri = resolvedFromUri(file, properties);

        assertThat(options(uri))
                .containsEntry("destination", "https://127.0.0.1:10000/contosolake/mgdc/users");
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
