package org.spinefusion.careplan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Typed walking of parsed YAML, so tests read like the manifests they check. */
final class Yamls {

    private Yamls() {}

    static Map<String, Object> load(Path file) {
        try {
            return asMap(newYaml().load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        // A duplicated key in a manifest or compose file is a bug; SnakeYAML would otherwise keep the last one.
        options.setAllowDuplicateKeys(false);
        return new Yaml(options);
    }

    /** The value at a path of map keys; fails the test with the path when a step is missing. */
    static Object at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            Map<String, Object> map = asMap(current);
            if (!map.containsKey(key)) {
                throw new AssertionError("missing '" + key + "' in path " + String.join(".", path));
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Map<String, Object> root, String... path) {
        return asMap(at(root, path));
    }

    static List<Map<String, Object>> listAt(Map<String, Object> root, String... path) {
        return asMapList(at(root, path));
    }

    /** A sequence of scalars, such as capabilities or policy types. */
    static List<Object> scalarsAt(Map<String, Object> root, String... path) {
        Object value = at(root, path);
        if (!(value instanceof List<?> list)) {
            throw new AssertionError("expected a sequence at " + String.join(".", path) + " but found " + value);
        }
        return List.copyOf(list);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping but found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> asMapList(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a sequence but found " + value);
        }
        return (List<Map<String, Object>>) value;
    }
}
