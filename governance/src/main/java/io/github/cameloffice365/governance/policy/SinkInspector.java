package io.github.cameloffice365.governance.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.EndpointAware;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.support.PluginHelper;

/**
 * Finds the Azure storage endpoints a route writes to and tells how each authenticates, without depending on the
 * Azure components: it reads their configuration as bean properties and, for an injected service client, the
 * authentication policy of the client's HTTP pipeline.
 * <p>
 * The route is walked from its first processor through every processor that sends to a fixed endpoint; an endpoint
 * that another route consumes from (direct, seda...) is followed into that route. An endpoint chosen at run time
 * (toD, recipientList) is not seen.
 */
public final class SinkInspector {

    /** The Camel schemes of the Azure storage sinks. */
    public static final Set<String> AZURE_STORAGE_SCHEMES = Set.of("azure-storage-blob", "azure-storage-datalake");

    private static final String SHARED_KEY_POLICY = "com.azure.storage.common.policy.StorageSharedKeyCredentialPolicy";
    private static final String SAS_POLICY = "com.azure.core.http.policy.AzureSasCredentialPolicy";
    private static final String TOKEN_POLICY = "com.azure.core.http.policy.BearerTokenAuthenticationPolicy";

    /**
     * How one sink endpoint authenticates.
     *
     * @param endpoint         the endpoint, without its options (which may hold secrets)
     * @param accountName      the storage account it writes to, or null when unknown
     * @param credential       what it authenticates with, e.g. "a shared account key (option accessKey)"
     * @param servicePrincipal whether that is a Microsoft Entra ID identity (service principal or managed identity)
     */
    public record SinkCredential(String endpoint, String accountName, String credential, boolean servicePrincipal) {
    }

    private SinkInspector() {
    }

    /** The Azure storage endpoints the route writes to, directly or through the routes it sends to. */
    public static List<Endpoint> azureSinksOf(CamelContext camel, String routeId) {
        Route route = camel.getRoute(routeId);
        if (route == null) {
            return List.of();
        }
        List<Endpoint> sinks = new ArrayList<>();
        walk(camel, route, new HashSet<>(), new HashSet<>(), sinks);
        return sinks;
    }

    /** How an azure-storage-blob or azure-storage-datalake endpoint authenticates. */
    public static SinkCredential inspect(CamelContext camel, Endpoint endpoint) {
        String scheme = schemeOf(endpoint);
        Map<String, Object> options = configurationOf(camel, endpoint);
        String accountName = text(options.get("accountName"));
        String where = endpoint.getEndpointBaseUri();

        List<String> secrets = new ArrayList<>();
        for (String option : "azure-storage-blob".equals(scheme)
                ? List.of("accessKey", "credentials", "sasToken", "sourceBlobAccessKey")
                : List.of("accountKey", "sharedKeyCredential", "sasSignature", "sasCredential")) {
            if (isSet(options.get(option))) {
                secrets.add(option);
            }
        }
        if (!secrets.isEmpty()) {
            return new SinkCredential(where, accountName, "a shared key or SAS token (option " + String.join(", ", secrets)
                                                          + ")", false);
        }

        Object serviceClient = options.get("serviceClient");
        if (serviceClient != null) {
            return new SinkCredential(where, accountName, describeClient(serviceClient), isTokenClient(serviceClient));
        }

        String type = text(options.get("credentialType"));
        String kind = type == null ? "" : type.toUpperCase(Locale.ROOT);
        return switch (kind) {
            case "AZURE_IDENTITY" -> new SinkCredential(where, accountName,
                    "a Microsoft Entra ID identity (credentialType=AZURE_IDENTITY)", true);
            case "CLIENT_SECRET" -> new SinkCredential(where, accountName,
                    "a service principal's client secret (credentialType=CLIENT_SECRET)", true);
            case "SHARED_KEY_CREDENTIAL", "SHARED_ACCOUNT_KEY" -> new SinkCredential(where, accountName,
                    "a shared account key (credentialType=" + type + ")", false);
            case "AZURE_SAS" -> new SinkCredential(where, accountName, "a SAS token (credentialType=AZURE_SAS)", false);
            default -> new SinkCredential(where, accountName, "an unknown credential (credentialType=" + type + ")", false);
        };
    }

    private static void walk(CamelContext camel, Route route, Set<String> routesSeen, Set<String> endpointsSeen,
                             List<Endpoint> sinks) {
        if (!routesSeen.add(route.getRouteId())) {
            return;
        }
        List<Endpoint> targets = new ArrayList<>();
        collectTargets(route.navigate(), targets, new HashSet<>());
        for (Endpoint target : targets) {
            if (!endpointsSeen.add(target.getEndpointUri())) {
                continue;
            }
            if (AZURE_STORAGE_SCHEMES.contains(schemeOf(target))) {
                sinks.add(target);
                continue;
            }
            for (Route next : camel.getRoutes()) {
                if (next.getEndpoint() != null && next.getEndpoint().getEndpointUri().equals(target.getEndpointUri())) {
                    walk(camel, next, routesSeen, endpointsSeen, sinks);
                }
            }
        }
    }

    private static void collectTargets(Navigate<Processor> node, List<Endpoint> targets, Set<Object> seen) {
        if (node == null || !node.hasNext()) {
            return;
        }
        for (Processor processor : node.next()) {
            if (processor == null || !seen.add(processor)) {
                continue;
            }
            if (processor instanceof EndpointAware aware && aware.getEndpoint() != null) {
                targets.add(aware.getEndpoint());
            }
            if (processor instanceof Navigate<?> children) {
                @SuppressWarnings("unchecked")
                Navigate<Processor> next = (Navigate<Processor>) children;
                collectTargets(next, targets, seen);
            }
        }
    }

    private static Map<String, Object> configurationOf(CamelContext camel, Endpoint endpoint) {
        Map<String, Object> options = new LinkedHashMap<>();
        Object configuration = call(endpoint, "getConfiguration");
        if (configuration != null) {
            PluginHelper.getBeanIntrospection(camel).getProperties(configuration, options, null, false);
        }
        return options;
    }

    /** What an injected storage service client authenticates with, read from its HTTP pipeline's policies. */
    private static String describeClient(Object serviceClient) {
        Set<String> policies = pipelinePolicies(serviceClient);
        Object accountUrl = call(serviceClient, "getAccountUrl");
        if (policies.contains(SHARED_KEY_POLICY)) {
            return "a shared account key (the injected serviceClient, e.g. built from a connection string)";
        }
        if (policies.contains(SAS_POLICY) || accountUrl != null && accountUrl.toString().contains("sig=")) {
            return "a SAS token (the injected serviceClient)";
        }
        if (policies.contains(TOKEN_POLICY)) {
            return "a Microsoft Entra ID token (the injected serviceClient)";
        }
        return "no credential at all, anonymous access (the injected serviceClient)";
    }

    private static boolean isTokenClient(Object serviceClient) {
        Set<String> policies = pipelinePolicies(serviceClient);
        Object accountUrl = call(serviceClient, "getAccountUrl");
        return policies.contains(TOKEN_POLICY) && !policies.contains(SHARED_KEY_POLICY) && !policies.contains(SAS_POLICY)
               && (accountUrl == null || !accountUrl.toString().contains("sig="));
    }

    /** The class names, with their superclasses, of the policies of a client's HTTP pipeline. */
    private static Set<String> pipelinePolicies(Object serviceClient) {
        Set<String> names = new HashSet<>();
        Object pipeline = call(serviceClient, "getHttpPipeline");
        if (pipeline == null) {
            return names;
        }
        Object count = call(pipeline, "getPolicyCount");
        int policies = count instanceof Integer n ? n : 0;
        for (int i = 0; i < policies; i++) {
            Object policy = call(pipeline, "getPolicy", i);
            for (Class<?> type = policy == null ? null : policy.getClass(); type != null; type = type.getSuperclass()) {
                names.add(type.getName());
            }
        }
        return names;
    }

    private static Object call(Object target, String method, Object... arguments) {
        try {
            Class<?>[] types = new Class<?>[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                types[i] = arguments[i] instanceof Integer ? int.class : arguments[i].getClass();
            }
            Method found = target.getClass().getMethod(method, types);
            return found.invoke(target, arguments);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Reading " + method + " of " + target.getClass().getName() + " failed: "
                                            + e.getCause().getMessage(), e.getCause());
        }
    }

    static String schemeOf(Endpoint endpoint) {
        String uri = endpoint.getEndpointUri();
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon);
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
