package org.spinefusion.careplan.deploy;

import static org.spinefusion.careplan.deploy.Yamls.asMap;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.StreamSupport;

/** The Kubernetes objects of one rendered release. */
record Manifests(List<Map<String, Object>> objects) {

    static Manifests parse(String renderedYaml) {
        List<Map<String, Object>> objects = StreamSupport.stream(
                        Yamls.newYaml().loadAll(renderedYaml).spliterator(), false)
                .filter(Objects::nonNull)
                .map(Yamls::asMap)
                .toList();
        return new Manifests(objects);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    boolean has(String kind) {
        return !ofKind(kind).isEmpty();
    }

    Map<String, Object> single(String kind) {
        List<Map<String, Object>> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " but found " + found.size());
        }
        return found.get(0);
    }

    Map<String, Object> podSpec() {
        return Yamls.mapAt(single("Deployment"), "spec", "template", "spec");
    }

    Map<String, String> podLabels() {
        return stringMap(Yamls.at(single("Deployment"), "spec", "template", "metadata", "labels"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> stringMap(Object value) {
        return (Map<String, String>) (Map<?, ?>) asMap(value);
    }

    Map<String, Object> serviceContainer() {
        return Yamls.listAt(single("Deployment"), "spec", "template", "spec", "containers").stream()
                .filter(c -> "careplan".equals(c.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container named careplan"));
    }
}
