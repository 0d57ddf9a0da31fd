package org.spinefusion.careplan.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the service reads, derived from its application.yaml, so compose and the chart
 * cannot drift from it. A name is known when it is a {@code ${PLACEHOLDER}}, the relaxed-binding form of a key
 * in the file (Spring's rule: dots to underscores, dashes removed, upper case), or a name the file's comments
 * document, as they do for Spring's own datasource settings that the file deliberately leaves unset.
 */
final class ServiceConfiguration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");
    private static final Pattern COMMENT = Pattern.compile("#.*");
    private static final Pattern UPPER_SNAKE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");

    private final Map<String, Object> tree;
    private final Set<String> knownNames = new HashSet<>();

    private ServiceConfiguration(String text, Map<String, Object> tree) {
        this.tree = tree;
        collect(PLACEHOLDER, text);
        Matcher comments = COMMENT.matcher(text);
        while (comments.find()) {
            collect(UPPER_SNAKE, comments.group());
        }
        addRelaxedNames("", tree);
    }

    static ServiceConfiguration load() {
        try {
            String text = Files.readString(RepositoryFiles.SERVICE_CONFIGURATION);
            return new ServiceConfiguration(text, Yamls.asMap(Yamls.newYaml().load(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean readsEnvironmentVariable(String name) {
        return knownNames.contains(name);
    }

    int serverPort() {
        return (Integer) Yamls.at(tree, "server", "port");
    }

    int managementPort() {
        return (Integer) Yamls.at(tree, "management", "server", "port");
    }

    private void collect(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            knownNames.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
    }

    private void addRelaxedNames(String prefix, Map<String, Object> node) {
        node.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map) {
                addRelaxedNames(path, Yamls.asMap(value));
            } else {
                knownNames.add(path.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT));
            }
        });
    }
}
