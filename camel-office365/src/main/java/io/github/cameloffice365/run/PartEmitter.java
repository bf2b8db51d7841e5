package io.github.cameloffice365.run;

/** Receives each finished part of a run; the consumer turns it into a Part exchange and routes it synchronously. */
@FunctionalInterface
public interface PartEmitter {

    /**
     * Hands a part over. When this returns, the part has been written by the route; when it throws, the run stops and
     * no later part is emitted.
     */
    void emit(String fileName, byte[] content, long rows) throws Exception;
}
