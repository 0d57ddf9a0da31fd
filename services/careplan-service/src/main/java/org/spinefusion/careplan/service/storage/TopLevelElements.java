package org.spinefusion.careplan.service.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * A resource's JSON cut down to some of its top-level elements (with resourceType, id and meta, and the {@code _name}
 * extensions of primitives kept), by streaming over it: far cheaper than HAPI parsing a whole plan to look at its
 * subject and category.
 */
final class TopLevelElements {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> ALWAYS = Set.of("resourceType", "id", "meta");

    private TopLevelElements() {}

    static String keep(String json, Set<String> elements) {
        StringWriter out = new StringWriter(256);
        try (JsonParser in = JSON.createParser(json);
                JsonGenerator generator = JSON.createGenerator(out)) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a resource is a JSON object");
            }
            generator.writeStartObject();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String name = in.currentName();
                in.nextToken();
                String element = name.startsWith("_") ? name.substring(1) : name;
                if (ALWAYS.contains(element) || elements.contains(element)) {
                    generator.writeFieldName(name);
                    generator.copyCurrentStructure(in);
                } else {
                    in.skipChildren();
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
