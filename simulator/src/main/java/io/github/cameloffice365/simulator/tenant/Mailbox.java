package io.github.cameloffice365.simulator.tenant;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/**
 * The mailbox content of one user. Every message carries {@code "_folder"}: one of {@link #WELL_KNOWN_FOLDERS}.
 *
 * @param messages all messages, of every folder
 * @param events the events of the primary calendar
 * @param contacts the contacts of the default contacts folder
 * @param settings the mailbox settings object, or {@code null} for Exchange's defaults
 */
public record Mailbox(ItemSource messages, ItemSource events, ItemSource contacts, ObjectNode settings) {

    /** Metadata key of a message: its well-known folder. */
    public static final String FOLDER = "_folder";
    /** The well-known folder names the simulator serves. */
    public static final Set<String> WELL_KNOWN_FOLDERS =
            Set.of("inbox", "sentitems", "drafts", "deleteditems", "archive");

    /** An empty mailbox. */
    public static Mailbox empty() {
        return new Mailbox(ItemSource.empty(), ItemSource.empty(), ItemSource.empty(), null);
    }

    /** The well-known folder of a message, lower case; {@code inbox} when the fixture names none. */
    public static String folderOf(ObjectNode message) {
        return message.path(FOLDER).asText("inbox").toLowerCase(Locale.ROOT);
    }
}
