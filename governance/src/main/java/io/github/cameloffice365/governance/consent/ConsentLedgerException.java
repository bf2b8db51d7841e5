package io.github.cameloffice365.governance.consent;

/** The consent ledger's database failed; the message says what the ledger was doing. */
public class ConsentLedgerException extends RuntimeException {

    public ConsentLedgerException(String what, Throwable cause) {
        super("Consent ledger: " + what + ": " + cause.getMessage(), cause);
    }
}
