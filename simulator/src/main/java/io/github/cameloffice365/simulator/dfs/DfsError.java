package io.github.cameloffice365.simulator.dfs;

/**
 * An error the simulated service answers with: the HTTP status, the service's error code and its message, with the
 * codes and messages of the ADLS Gen2 and Blob REST APIs.
 */
final class DfsError extends RuntimeException {

    private final int status;
    private final String code;
    private final String detail;
    private final String contentRange;

    DfsError(int status, String code, String message) {
        this(status, code, message, null);
    }

    DfsError(int status, String code, String message, String detail) {
        this(status, code, message, detail, null);
    }

    private DfsError(int status, String code, String message, String detail, String contentRange) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.contentRange = contentRange;
    }

    /** The same error with a {@code Content-Range} header, as a 416 carries. */
    DfsError withContentRange(String value) {
        return new DfsError(status, code, getMessage(), detail, value);
    }

    String contentRange() {
        return contentRange;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** A second line some errors carry, e.g. why a token was refused; null when there is none. */
    String detail() {
        return detail;
    }

    static DfsError filesystemNotFound() {
        return new DfsError(404, "FilesystemNotFound", "The specified filesystem does not exist.");
    }

    static DfsError containerNotFound() {
        return new DfsError(404, "ContainerNotFound", "The specified container does not exist.");
    }

    static DfsError pathNotFound() {
        return new DfsError(404, "PathNotFound", "The specified path does not exist.");
    }

    static DfsError blobNotFound() {
        return new DfsError(404, "BlobNotFound", "The specified blob does not exist.");
    }

    static DfsError conditionNotMet() {
        return new DfsError(412, "ConditionNotMet", "The condition specified using HTTP conditional header(s) is not met.");
    }

    static DfsError invalidFlushPosition() {
        return new DfsError(400, "InvalidFlushPosition", "The uploaded data is not contiguous or the position query"
                                                         + " parameter value is not equal to the length of the file after"
                                                         + " appending the uploaded data.");
    }

    static DfsError missingQueryParameter(String name) {
        return new DfsError(400, "MissingRequiredQueryParameter",
                "A query parameter that's mandatory for this request is not specified.", "QueryParameterName: " + name);
    }

    static DfsError invalidQueryParameter(String name, String value) {
        return new DfsError(400, "InvalidQueryParameterValue",
                "Value for one of the query parameters specified in the request URI is invalid.",
                "QueryParameterName: " + name + ", QueryParameterValue: " + value);
    }

    static DfsError invalidHeader(String name, String value) {
        return new DfsError(400, "InvalidHeaderValue", "The value for one of the HTTP headers is not in the correct format.",
                "HeaderName: " + name + ", HeaderValue: " + value);
    }

    static DfsError unsupported(String what) {
        return new DfsError(501, "NotImplementedBySimulator",
                "The ADLS Gen2 simulator serves a subset of the service; this request is outside it.", what);
    }
}
