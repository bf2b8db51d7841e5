package io.github.cameloffice365.simulator.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cameloffice365.simulator.http.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pages scripted by a test for a path pattern, served exactly as given (empty pages included) in place of the
 * tenant's data, each page but the last with a nextLink. Also the server-side page sizes a test imposes.
 */
public final class ScriptedPages {

    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, PageLimit> pageSizes = new ConcurrentHashMap<>();

    record Script(PathPattern pattern, List<List<ObjectNode>> pages) {
    }

    /** The page a nextLink of a script leads to. */
    record ScriptPosition(Script script, int pageIndex) {
    }

    private record PageLimit(PathPattern pattern, int size) {
    }

    /** Serves these pages for GETs of paths matching the pattern, replacing an earlier script of the same pattern. */
    public void script(String pathPattern, List<List<ObjectNode>> pages) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("A script needs at least one page (it may be empty)");
        }
        List<List<ObjectNode>> copy = new ArrayList<>();
        pages.forEach(page -> copy.add(page.stream().map(ObjectNode::deepCopy).toList()));
        scripts.put(pathPattern, new Script(PathPattern.of(pathPattern), List.copyOf(copy)));
    }

    /** Caps the page size of collections at paths matching the pattern. */
    public void pageSize(String pathPattern, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("A page size is at least 1, got " + size);
        }
        pageSizes.put(pathPattern, new PageLimit(PathPattern.of(pathPattern), size));
    }

    /** Forgets every script and page size. */
    public void clear() {
        scripts.clear();
        pageSizes.clear();
    }

    Optional<Script> find(String decodedPath) {
        return scripts.values().stream().filter(script -> script.pattern().matches(decodedPath)).findFirst();
    }

    /** The page size for a path: the smaller of the requested one and any imposed one. */
    int effectivePageSize(String decodedPath, int requested) {
        int size = requested;
        for (PageLimit limit : pageSizes.values()) {
            if (limit.pattern().matches(decodedPath)) {
                size = Math.min(size, limit.size());
            }
        }
        return size;
    }
}
