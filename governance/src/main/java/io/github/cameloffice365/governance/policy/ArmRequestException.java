package io.github.cameloffice365.governance.policy;

import java.io.IOException;

/** An Azure Resource Manager call failed; the message names the method, the URL, the status and ARM's error code. */
public class ArmRequestException extends IOException {

    private final int status;
    private final String errorCode;

    public ArmRequestException(String message, int status, String errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP status, or 0 when no response came. */
    public int getStatus() {
        return status;
    }

    /** Resource Manager's error code, e.g. AuthorizationFailed, or null. */
    public String getErrorCode() {
        return errorCode;
    }
}
