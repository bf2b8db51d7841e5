package io.github.cameloffice365.simulator.dfs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The filesystems, directories and files of the simulated account. File content lives in files under a working
 * folder, never in memory, so that the simulator can hold parts of any size inside a small heap. Uploaded but not yet
 * flushed data is kept per position until a flush commits it or discards it.
 */
final class DfsStore implements Closeable {

    private static final Pattern FILESYSTEM_NAME = Pattern.compile("^[$a-z0-9](?!.*--)[-a-z0-9]{1,61}[a-z0-9]$");

    private final Path root;
    private final Clock clock;
    private final Map<String, FileSystem> fileSystems = new HashMap<>();
    private long etagSequence;
    private long fileSequence;

    DfsStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** What a reader sees of a filesystem. */
    record FileSystemSnapshot(String name, String etag, Instant lastModified) {
    }

    /** What a reader sees of a path: its committed state only. */
    record PathSnapshot(String name, boolean directory, String etag, Instant created, Instant lastModified, long length,
                        String contentType) {
    }

    /** The conditional headers of a request, as the service evaluates them against the path's committed state. */
    record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {

        static final Conditions NONE = new Conditions(null, null, null, null);

        boolean isEmpty() {
            return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
        }
    }

    private static final class FileSystem {
        final String name;
        final String etag;
        final Instant lastModified;
        final TreeMap<String, Node> nodes = new TreeMap<>();

        FileSystem(String name, String etag, Instant lastModified) {
            this.name = name;
            this.etag = etag;
            this.lastModified = lastModified;
        }
    }

    private static final class Node {
        final String name;
        final boolean directory;
        final Instant created;
        final Path data;
        final TreeMap<Long, Chunk> uncommitted = new TreeMap<>();
        String etag;
        Instant lastModified;
        long length;
        String contentType;

        Node(String name, boolean directory, Instant created, Path data, String etag) {
            this.name = name;
            this.directory = directory;
            this.created = created;
            this.lastModified = created;
            this.data = data;
            this.etag = etag;
        }

        PathSnapshot snapshot() {
            return new PathSnapshot(name, directory, etag, created, lastModified, length, contentType);
        }
    }

    private record Chunk(long position, long length, Path file) {
    }

    synchronized FileSystemSnapshot createFileSystem(String name, boolean blobApi) {
        if (!FILESYSTEM_NAME.matcher(name).matches()) {
            throw new DfsError(400, "InvalidResourceName", "The specified resource name contains invalid characters.",
                    "Name: " + name);
        }
        if (fileSystems.containsKey(name)) {
            throw blobApi
                    ? new DfsError(409, "ContainerAlreadyExists", "The specified container already exists.")
                    : new DfsError(409, "FilesystemAlreadyExists", "The specified filesystem already exists.");
        }
        FileSystem fileSystem = new FileSystem(name, nextEtag(), now());
        fileSystems.put(name, fileSystem);
        return new FileSystemSnapshot(name, fileSystem.etag, fileSystem.lastModified);
    }

    synchronized FileSystemSnapshot fileSystem(String name, boolean blobApi) {
        FileSystem fileSystem = requireFileSystem(name, blobApi);
        return new FileSystemSnapshot(name, fileSystem.etag, fileSystem.lastModified);
    }

    /** The paths below {@code directory} (all of them when null), in name order. */
    synchronized List<PathSnapshot> list(String fileSystemName, String directory, boolean recursive) {
        FileSystem fileSystem = requireFileSystem(fileSystemName, false);
        String prefix = directory == null || directory.isEmpty() ? "" : directory + "/";
        if (!prefix.isEmpty() && !fileSystem.nodes.containsKey(directory)) {
            throw DfsError.pathNotFound();
        }
        List<PathSnapshot> paths = new ArrayList<>();
        for (Node node : fileSystem.nodes.tailMap(prefix, true).values()) {
            if (!node.name.startsWith(prefix)) {
                break;
            }
            boolean directChild = node.name.indexOf('/', prefix.length()) < 0;
            if (recursive || directChild) {
                paths.add(node.snapshot());
            }
        }
        return paths;
    }

    /**
     * Creates a file or directory, or replaces a file: a replaced file is empty and loses its uncommitted data. Missing
     * parent directories are created, as with a hierarchical namespace.
     */
    synchronized PathSnapshot createPath(String fileSystemName, String name, boolean directory, Conditions conditions) {
        FileSystem fileSystem = requireFileSystem(fileSystemName, false);
        Node existing = fileSystem.nodes.get(name);
        if (existing != null && "*".equals(conditions.ifNoneMatch())) {
            throw new DfsError(409, "PathAlreadyExists", "The specified path already exists.");
        }
        checkConditions(existing, conditions);
        if (existing != null && existing.directory != directory) {
            throw new DfsError(409, "PathConflict", "The specified path, or an element of the path, exists and its"
                                                    + " resource type is invalid for this operation.");
        }
        if (existing != null && directory) {
            // creating a directory that exists keeps it, with its children
            existing.etag = nextEtag();
            existing.lastModified = now();
            return existing.snapshot();
        }
        createParents(fileSystem, name);
        if (existing != null) {
            discard(existing);
        }
        Instant now = now();
        Node node = new Node(name, directory, now, directory ? null : newDataFile(), nextEtag());
        fileSystem.nodes.put(name, node);
        return node.snapshot();
    }

    /** Checks that an append to this path may be taken, before its body is read. */
    synchronized void checkAppendable(String fileSystemName, String name, long position) {
        Node node = requireFile(fileSystemName, name);
        if (position < node.length) {
            throw DfsError.invalidFlushPosition();
        }
    }

    /**
     * Keeps {@code length} bytes of the body as uncommitted data at {@code position}. Data already uploaded at the same
     * position is replaced, so a retried append does not add its bytes twice.
     */
    void append(String fileSystemName, String name, long position, long length, InputStream body) throws IOException {
        Path chunkFile = newChunkFile();
        long written;
        try (OutputStream out = Files.newOutputStream(chunkFile)) {
            written = body.transferTo(out);
        }
        if (written != length) {
            Files.deleteIfExists(chunkFile);
            throw new DfsError(400, "InvalidInput", "One of the request inputs is not valid.",
                    "The body has " + written + " bytes, Content-Length says " + length);
        }
        synchronized (this) {
            Node node = requireFile(fileSystemName, name);
            if (position < node.length) {
                Files.deleteIfExists(chunkFile);
                throw DfsError.invalidFlushPosition();
            }
            Chunk replaced = node.uncommitted.put(position, new Chunk(position, length, chunkFile));
            if (replaced != null) {
                Files.deleteIfExists(replaced.file());
            }
        }
    }

    /**
     * Commits the uploaded data up to {@code position}: it must cover the bytes from the current length to the position
     * contiguously, each chunk starting where the one before ends. Uploaded data beyond the position is discarded unless
     * {@code retainUncommittedData}.
     */
    synchronized PathSnapshot flush(String fileSystemName, String name, long position, boolean retainUncommittedData,
                                    Conditions conditions, String contentType) throws IOException {
        Node node = requireFile(fileSystemName, name);
        checkConditions(node, conditions);
        if (position < node.length) {
            throw DfsError.invalidFlushPosition();
        }
        List<Chunk> toCommit = new ArrayList<>();
        long next = node.length;
        for (Chunk chunk : node.uncommitted.tailMap(node.length, true).values()) {
            if (next == position) {
                break;
            }
            if (chunk.position() != next || chunk.position() + chunk.length() > position) {
                throw DfsError.invalidFlushPosition();
            }
            toCommit.add(chunk);
            next += chunk.length();
        }
        if (next != position) {
            throw DfsError.invalidFlushPosition();
        }
        try (FileChannel target = FileChannel.open(node.data, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (Chunk chunk : toCommit) {
                try (FileChannel source = FileChannel.open(chunk.file(), StandardOpenOption.READ)) {
                    long copied = 0;
                    while (copied < chunk.length()) {
                        copied += source.transferTo(copied, chunk.length() - copied, target);
                    }
                }
            }
        }
        for (Iterator<Chunk> chunks = node.uncommitted.values().iterator(); chunks.hasNext(); ) {
            Chunk chunk = chunks.next();
            if (toCommit.contains(chunk) || !retainUncommittedData || chunk.position() < position) {
                Files.deleteIfExists(chunk.file());
                chunks.remove();
            }
        }
        node.length = position;
        node.etag = nextEtag();
        node.lastModified = now();
        if (contentType != null) {
            node.contentType = contentType;
        }
        return node.snapshot();
    }

    synchronized PathSnapshot properties(String fileSystemName, String name, boolean blobApi) {
        FileSystem fileSystem = requireFileSystem(fileSystemName, blobApi);
        Node node = fileSystem.nodes.get(name);
        if (node == null) {
            throw blobApi ? DfsError.blobNotFound() : DfsError.pathNotFound();
        }
        return node.snapshot();
    }

    /**
     * Opens the committed content of a file from {@code offset}, as it is now; a later flush or overwrite does not change
     * what the stream reads.
     */
    synchronized InputStream open(String fileSystemName, String name, long offset, boolean blobApi) throws IOException {
        FileSystem fileSystem = requireFileSystem(fileSystemName, blobApi);
        Node node = fileSystem.nodes.get(name);
        if (node == null || node.directory) {
            throw blobApi ? DfsError.blobNotFound() : DfsError.pathNotFound();
        }
        FileChannel channel = FileChannel.open(node.data, StandardOpenOption.READ);
        channel.position(offset);
        return java.nio.channels.Channels.newInputStream(channel);
    }

    @Override
    public synchronized void close() {
        fileSystems.clear();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the simulator's working folder " + root, e);
        }
    }

    private void checkConditions(Node node, Conditions conditions) {
        if (conditions.isEmpty()) {
            return;
        }
        if (node == null) {
            if (conditions.ifMatch() != null) {
                throw DfsError.conditionNotMet();
            }
            return;
        }
        Instant lastModified = node.lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (conditions.ifMatch() != null && !matches(conditions.ifMatch(), node.etag)) {
            throw DfsError.conditionNotMet();
        }
        if (conditions.ifNoneMatch() != null && matches(conditions.ifNoneMatch(), node.etag)) {
            throw DfsError.conditionNotMet();
        }
        if (conditions.ifModifiedSince() != null && !lastModified.isAfter(conditions.ifModifiedSince())) {
            throw DfsError.conditionNotMet();
        }
        if (conditions.ifUnmodifiedSince() != null && lastModified.isAfter(conditions.ifUnmodifiedSince())) {
            throw DfsError.conditionNotMet();
        }
    }

    private static boolean matches(String condition, String etag) {
        if ("*".equals(condition.trim())) {
            return true;
        }
        for (String candidate : condition.split(",")) {
            if (unquote(candidate.trim()).equals(unquote(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private void createParents(FileSystem fileSystem, String name) {
        int slash = name.indexOf('/');
        while (slash > 0) {
            String parent = name.substring(0, slash);
            Node node = fileSystem.nodes.get(parent);
            if (node == null) {
                fileSystem.nodes.put(parent, new Node(parent, true, now(), null, nextEtag()));
            } else if (!node.directory) {
                throw new DfsError(409, "PathConflict", "The specified path, or an element of the path, exists and its"
                                                        + " resource type is invalid for this operation.");
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    private void discard(Node node) {
        try {
            for (Chunk chunk : node.uncommitted.values()) {
                Files.deleteIfExists(chunk.file());
            }
            if (node.data != null) {
                Files.deleteIfExists(node.data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileSystem requireFileSystem(String name, boolean blobApi) {
        FileSystem fileSystem = fileSystems.get(name);
        if (fileSystem == null) {
            throw blobApi ? DfsError.containerNotFound() : DfsError.filesystemNotFound();
        }
        return fileSystem;
    }

    private Node requireFile(String fileSystemName, String name) {
        Node node = requireFileSystem(fileSystemName, false).nodes.get(name);
        if (node == null) {
            throw DfsError.pathNotFound();
        }
        if (node.directory) {
            throw new DfsError(409, "ResourceTypeMismatch",
                    "The resource type specified in the request does not match the type of the resource.");
        }
        return node;
    }

    private Path newDataFile() {
        try {
            return Files.createFile(root.resolve("data-" + (++fileSequence)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized Path newChunkFile() throws IOException {
        return Files.createFile(root.resolve("chunk-" + (++fileSequence)));
    }

    private String nextEtag() {
        return String.format("\"0x8DD%013X\"", ++etagSequence);
    }

    private Instant now() {
        return clock.instant();
    }
}
