package io.github.cameloffice365.run;

import java.io.IOException;

/** The route could not write a part: the run stops, and no later part is emitted. */
public class PartNotWrittenException extends IOException {

    public PartNotWrittenException(String fileName, Exception cause) {
        super("The route could not write part " + fileName + ": " + cause.getMessage(), cause);
    }
}
