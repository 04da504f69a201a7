package ai.lepton.kernel.deps;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dependencies and repositories of a POM, or of a fragment of one ({@code <dependencies>},
 * or bare {@code <dependency>} elements), as {@code %%loadFromPOM} accepts. Test-scoped dependencies
 * are skipped and {@code ${property}} references are filled in from the POM's properties.
 */
public record PomDependencies(List<String> coordinates, Map<String, String> repositories) {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    public static PomDependencies parse(String xml) {
        String wrapped = xml.strip().startsWith("<project") || xml.strip().startsWith("<?xml")
                ? xml
                : "<project>" + xml + "</project>";
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e; // reported below with its line; the parser's default handler would print it too
                }
            });
            document = builder.parse(new InputSource(new StringReader(wrapped)));
        } catch (SAXParseException e) {
            throw new DependencyException("%%loadFromPOM: the POM is not well-formed XML at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (Exception e) {
            throw new DependencyException("%%loadFromPOM: cannot read the POM: " + e.getMessage(), e);
        }
        Map<String, String> properties = properties(document);
        List<String> coordinates = new ArrayList<>();
        NodeList dependencies = document.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (insideDependencyManagement(dependency) || "test".equals(text(dependency, "scope", properties))) {
                continue;
            }
            coordinates.add(coordinatesOf(dependency, properties, i + 1));
        }
        Map<String, String> repositories = new HashMap<>();
        NodeList repositoryNodes = document.getElementsByTagName("repository");
        for (int i = 0; i < repositoryNodes.getLength(); i++) {
            Element repository = (Element) repositoryNodes.item(i);
            repositories.put(text(repository, "id", properties), text(repository, "url", properties));
        }
        return new PomDependencies(coordinates, repositories);
    }

    private static String coordinatesOf(Element dependency, Map<String, String> properties, int position) {
        String group = text(dependency, "groupId", properties);
        String artifact = text(dependency, "artifactId", properties);
        String version = text(dependency, "version", properties);
        if (group == null || artifact == null || version == null) {
            throw new DependencyException(
                    "%%loadFromPOM: dependency " + position + " needs groupId, artifactId and version"
                            + " (versions managed by a parent POM are not looked up).");
        }
        String type = text(dependency, "type", properties);
        String classifier = text(dependency, "classifier", properties);
        if (classifier != null) {
            return group + ":" + artifact + ":" + (type == null ? "jar" : type) + ":" + classifier + ":" + version;
        }
        return type == null
                ? group + ":" + artifact + ":" + version
                : group + ":" + artifact + ":" + type + ":" + version;
    }

    private static boolean insideDependencyManagement(Node node) {
        for (Node parent = node.getParentNode(); parent != null; parent = parent.getParentNode()) {
            if ("dependencyManagement".equals(parent.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> properties(Document document) {
        Map<String, String> properties = new HashMap<>();
        NodeList blocks = document.getElementsByTagName("properties");
        for (int i = 0; i < blocks.getLength(); i++) {
            NodeList children = blocks.item(i).getChildNodes();
            for (int j = 0; j < children.getLength(); j++) {
                if (children.item(j) instanceof Element property) {
                    properties.put(
                            property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    private static String text(Element parent, String tag, Map<String, String> properties) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(tag)) {
                return interpolate(child.getTextContent().strip(), properties);
            }
        }
        return null;
    }

    private static String interpolate(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = properties.get(matcher.group(1));
            if (replacement == null) {
                throw new DependencyException(
                        "%%loadFromPOM: ${" + matcher.group(1) + "} is not defined in the POM's <properties>.");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
