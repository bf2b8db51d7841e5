package io.github.cameloffice365.governance.consent;

import java.io.IOException;
import java.util.List;

/**
 * Who owns an application of the tenant, by its application (client) id. {@link GraphApplicationOwners} reads it
 * from Microsoft Graph.
 */
@FunctionalInterface
public interface ApplicationOwners {

    /**
     * The users who own the application with this application (client) id.
     *
     * @throws IOException when the directory cannot be read, or knows no such application
     */
    List<ApplicationOwner> ownersOf(String appId) throws IOException;
}
