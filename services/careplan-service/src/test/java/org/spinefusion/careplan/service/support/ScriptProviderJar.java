package org.spinefusion.careplan.service.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Keycloak script provider (a folder with {@code META-INF/keycloak-scripts.json} and the scripts it names) packed
 * as the plain jar Keycloak loads from its {@code providers} directory, the way docs/security.md packs it with
 * {@code jar --create}. The bytes depend only on the files (fixed entry times, sorted names), and the jar is written
 * only when they change: Keycloak's start-dev re-augments the server whenever a provider jar changes.
 */
final class ScriptProviderJar {

    private static final long FIXED_TIME = 315532800000L; // 1980-01-01, the earliest time a zip entry can hold

    private ScriptProviderJar() {}

    static void writeIfChanged(Path folder, Path jar) throws IOException {
        if (!Files.isRegularFile(folder.resolve("META-INF/keycloak-scripts.json"))) {
            throw new IllegalStateException(
                    "No Keycloak script provider at " + folder + " (META-INF/keycloak-scripts.json is missing)");
        }
        byte[] packed = pack(folder);
        if (Files.isRegularFile(jar) && Arrays.equals(Files.readAllBytes(jar), packed)) {
            return;
        }
        Files.write(jar, packed);
    }

    private static byte[] pack(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> entryName(folder, path)))
                    .toList();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                ZipEntry entry = new ZipEntry(entryName(folder, file));
                entry.setTime(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String entryName(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
