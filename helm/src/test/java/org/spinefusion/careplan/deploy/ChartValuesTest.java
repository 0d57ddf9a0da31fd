package org.spinefusion.careplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartValuesTest {

    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) \\S", Pattern.MULTILINE);

    @Test
    void documentsEveryValueAndNothingElse() throws IOException {
        String values = Files.readString(RepositoryFiles.CHART.resolve("values.yaml"));
        TreeSet<String> documented = new TreeSet<>();
        Matcher params = PARAM.matcher(values);
        while (params.find()) {
            documented.add(params.group(1));
        }

        TreeSet<String> leaves = new TreeSet<>();
        collectLeaves("", Yamls.asMap(Yamls.newYaml().load(values)), documented, leaves);

        assertThat(leaves).hasSizeGreaterThan(50);
        assertThat(documented).isEqualTo(leaves);
    }

    @Test
    void schemaClosesEveryObject() {
        Map<String, Object> schema = Yamls.load(RepositoryFiles.CHART.resolve("values.schema.json"));
        List<String> open = new ArrayList<>();
        collectOpenObjects("#", schema, open);

        assertThat(schema).containsEntry("additionalProperties", false);
        assertThat(open).isEmpty();
    }

    /** An object schema with named properties must forbid others; a free-form map must type its values. */
    private static void collectOpenObjects(String where, Object node, List<String> open) {
        if (node instanceof Map<?, ?> map) {
            Object additional = map.get("additionalProperties");
            boolean closed = map.containsKey("properties")
                    ? Boolean.FALSE.equals(additional)
                    : !"object".equals(map.get("type")) || additional instanceof Map;
            if (!closed) {
                open.add(where);
            }
            map.forEach((key, value) -> collectOpenObjects(where + "/" + key, value, open));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectOpenObjects(where + "/" + i, list.get(i), open);
            }
        }
    }

    /** Leaves are scalars, lists, empty maps, and maps documented as one value (label selectors). */
    private static void collectLeaves(
            String prefix, Map<String, Object> node, Set<String> documented, Set<String> leaves) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty() && !documented.contains(path)) {
                collectLeaves(path, Yamls.asMap(child), documented, leaves);
            } else {
                leaves.add(path);
            }
        });
    }
}
