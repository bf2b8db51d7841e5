package io.github.cameloffice365.component;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** The {@code office365} component: Microsoft 365 data through Microsoft Graph, as Graph Data Connect rows. */
@Component("office365")
public class Office365Component extends DefaultComponent {

    @Metadata(description = "Shared options of every office365 endpoint of this component, e.g. the tenant and the"
                            + " service principal; an endpoint's own options override them.")
    private Office365Configuration configuration = new Office365Configuration();

    /** The secret options, whose values never show in an endpoint URI as Camel prints it. */
    private static final Pattern SECRET_VALUES = Pattern.compile(
            "(?i)((?:servicePrincipalKey|servicePrincipalCertificatePassword)=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)");

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Office365Configuration endpointConfiguration = configuration.copy();
        endpointConfiguration.setTableName(remaining);
        Office365Endpoint endpoint = new Office365Endpoint(maskSecrets(uri), this, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /**
     * The URI with the values of servicePrincipalKey and servicePrincipalCertificatePassword replaced by xxxxxx. Camel
     * masks the secrets of its own components by name; ours it does not know, so the endpoint keeps this form.
     */
    static String maskSecrets(String uri) {
        return SECRET_VALUES.matcher(uri).replaceAll("$1xxxxxx");
    }

    /** Shared options of every office365 endpoint of this component; an endpoint's own options override them. */
    public Office365Configuration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(Office365Configuration configuration) {
        this.configuration = configuration;
    }
}
