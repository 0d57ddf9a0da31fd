package org.spinefusion.careplan.service.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * What an incoming resource may not contain, checked on the parsed resource (including contained resources, Bundle
 * entries and Parameters): more Bundle entries than allowed, active content in narrative XHTML (script and other
 * embedding elements, event handlers, script URLs), script in any text an app may render, and references that are
 * neither local, nor to this server, nor well formed. We never resolve references; refusing foreign ones keeps them
 * from reaching EHRs and apps that might.
 */
final class ResourceContentRules {

    private static final Set<String> FORBIDDEN_ELEMENTS = Set.of(
            "script",
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "applet",
            "form",
            "input",
            "button",
            "textarea",
            "select",
            "style",
            "link",
            "meta",
            "base",
            "svg",
            "math",
            "template");
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "xlink:href", "action", "formaction");
    private static final Pattern RELATIVE_REFERENCE =
            Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}(/_history/[A-Za-z0-9\\-.]{1,64})?");
    private static final Pattern URN = Pattern.compile(
            "urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|urn:oid:[0-2](\\.\\d+)+");

    private final FhirContext fhirContext;
    private final int maxBundleEntries;
    private final int maxStringLength;

    ResourceContentRules(FhirContext fhirContext, int maxBundleEntries, int maxStringLength) {
        this.fhirContext = fhirContext;
        this.maxBundleEntries = maxBundleEntries;
        this.maxStringLength = maxStringLength;
    }

    /** Script markers anywhere in the raw text, including escaped forms a value scan would see decoded only. */
    static boolean scriptInText(String lowerCaseBody) {
        return containsScript(lowerCaseBody) || lowerCaseBody.contains("\\u003cscript");
    }

    /** A problem that makes the resource too costly to accept (413), if any. */
    Optional<String> tooLarge(IBaseResource resource) {
        FhirTerser terser = fhirContext.newTerser();
        for (Bundle bundle : terser.getAllPopulatedChildElementsOfType(resource, Bundle.class)) {
            if (bundle.getEntry().size() > maxBundleEntries) {
                return Optional.of("A Bundle may hold at most " + maxBundleEntries + " entries");
            }
        }
        if (resource instanceof Bundle bundle && bundle.getEntry().size() > maxBundleEntries) {
            return Optional.of("A Bundle may hold at most " + maxBundleEntries + " entries");
        }
        return Optional.empty();
    }

    /** A problem that makes the resource unacceptable (422), if any. */
    Optional<String> unsafe(IBaseResource resource, String ownBase) {
        FhirTerser terser = fhirContext.newTerser();
        for (Narrative narrative : terser.getAllPopulatedChildElementsOfType(resource, Narrative.class)) {
            if (narrative.getDiv() != null && !safeXhtml(narrative.getDiv())) {
                return Optional.of("Narrative XHTML may not contain scripts, embedded content or event handlers");
            }
        }
        for (IPrimitiveType<?> value : terser.getAllPopulatedChildElementsOfType(resource, IPrimitiveType.class)) {
            String text = value.getValueAsString();
            if (text != null && text.length() > maxStringLength) {
                return Optional.of("A value may be at most " + maxStringLength + " characters long");
            }
            if (text != null && containsScript(text)) {
                return Optional.of("Text may not contain scripts");
            }
        }
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            if (reference.hasReference() && !acceptableReference(reference.getReference(), ownBase)) {
                return Optional.of("References must be relative (Type/id), contained (#id), urn:uuid or to this server;"
                        + " references to other servers are not accepted");
            }
        }
        return Optional.empty();
    }

    private static boolean safeXhtml(XhtmlNode node) {
        if (node.getNodeType() == NodeType.Element) {
            String name = node.getName() == null ? "" : node.getName().toLowerCase(Locale.ROOT);
            if (FORBIDDEN_ELEMENTS.contains(name)) {
                return false;
            }
            for (var attribute : node.getAttributes().entrySet()) {
                String attributeName = attribute.getKey().toLowerCase(Locale.ROOT);
                String value = attribute.getValue() == null ? "" : attribute.getValue();
                if (attributeName.startsWith("on")
                        || (URL_ATTRIBUTES.contains(attributeName) && !safeUrl(value))
                        || (attributeName.equals("style") && unsafeStyle(value))) {
                    return false;
                }
            }
        } else if (node.getNodeType() == NodeType.Instruction || node.getNodeType() == NodeType.DocType) {
            return false;
        }
        for (XhtmlNode child : node.getChildNodes()) {
            if (!safeXhtml(child)) {
                return false;
            }
        }
        return true;
    }

    private static boolean safeUrl(String url) {
        String compact = url.replaceAll("[\\s\\x00-\\x1f]", "").toLowerCase(Locale.ROOT);
        int colon = compact.indexOf(':');
        if (colon < 0 || compact.indexOf('/') >= 0 && compact.indexOf('/') < colon) {
            return true;
        }
        String scheme = compact.substring(0, colon);
        return scheme.equals("http")
                || scheme.equals("https")
                || scheme.equals("mailto")
                || scheme.equals("tel")
                || compact.startsWith("data:image/png")
                || compact.startsWith("data:image/jpeg")
                || compact.startsWith("data:image/gif");
    }

    private static boolean unsafeStyle(String style) {
        String compact = style.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        return compact.contains("expression(") || compact.contains("javascript:") || compact.contains("url(");
    }

    private static boolean containsScript(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("<script") || lower.contains("javascript:") || lower.contains("vbscript:");
    }

    private boolean acceptableReference(String reference, String ownBase) {
        if (reference.startsWith("#") && reference.length() < 66) {
            return true;
        }
        if (URN.matcher(reference).matches()) {
            return true;
        }
        String relative = reference;
        if (ownBase != null && reference.startsWith(ownBase + "/")) {
            relative = reference.substring(ownBase.length() + 1);
        }
        if (!RELATIVE_REFERENCE.matcher(relative).matches()) {
            return false;
        }
        return fhirContext.getResourceTypes().contains(relative.substring(0, relative.indexOf('/')));
    }
}
