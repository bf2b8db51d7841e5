package io.github.cameloffice365.app.sink;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpResponse;

/**
 * Azure Storage refused the sink's service principal: its token (HTTP 401, or 403 {@code AuthenticationFailed}) or its
 * permissions (HTTP 403). The message says which, and what to change.
 */
public final class StorageAccessDeniedException extends HttpResponseException {

    private final String errorCode;

    StorageAccessDeniedException(String message, HttpResponse response, String errorCode) {
        super(message, response);
        this.errorCode = errorCode;
    }

    /** The service's error code, e.g. {@code AuthenticationFailed} or {@code AuthorizationPermissionMismatch}. */
    public String getErrorCode() {
        return errorCode;
    }
}
