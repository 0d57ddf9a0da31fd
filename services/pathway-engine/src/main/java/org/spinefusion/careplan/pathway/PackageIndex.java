package org.spinefusion.careplan.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The {@code .index.json} of a FHIR package: the list of its resource files. */
record PackageIndex(List<String> files) {

    static PackageIndex read(InputStream in) {
        try (in) {
            JsonNode index = new ObjectMapper().readTree(in);
            List<String> files = new ArrayList<>();
            for (JsonNode entry : index.path("files")) {
                files.add(entry.path("filename").asText());
            }
            return new PackageIndex(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the package index", e);
        }
    }
}
