package ai.lepton.kernel.deps;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The coordinates in the POM that Maven's {@code copy-dependencies} ({@code copyPom}) puts beside a jar it copies,
 * {@code artifact-version.pom} (a jar with a classifier, {@code artifact-version-classifier.jar}, shares it): how the
 * kernel knows the group of a jar that carries no {@code pom.properties}.
 */
record CopiedPom(String group, String artifact, String version) {

    /** The coordinates of {@code jar} from the POM beside it, if there is one that reads. */
    static Optional<CopiedPom> beside(Path jar) {
        Path folder = jar.toAbsolutePath().getParent();
        String name = jar.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jar".length());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pom"))
                    .filter(pom -> names(stem, pom))
                    .max(Comparator.comparingInt(
                            pom -> pom.getFileName().toString().length()))
                    .flatMap(CopiedPom::read);
        } catch (IOException e) {
            return Optional.empty(); // no POM to read: the file name alone names the jar
        }
    }

    /** Whether {@code pom} is the POM of the jar {@code stem}: the jar's name, or its name up to a classifier. */
    private static boolean names(String stem, Path pom) {
        String pomStem = pom.getFileName().toString().replaceFirst("\\.pom$", "");
        return stem.equals(pomStem) || stem.startsWith(pomStem + "-");
    }

    private static Optional<CopiedPom> read(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            Element parent = child(project, "parent");
            String group = text(project, "groupId", parent);
            String artifact = text(project, "artifactId", null);
            String version = text(project, "version", parent);
            return group == null || artifact == null || version == null
                    ? Optional.empty()
                    : Optional.of(new CopiedPom(group, artifact, version));
        } catch (Exception e) {
            return Optional.empty(); // a POM that does not read names nothing; the file name still does
        }
    }

    /** The text of {@code project}'s {@code tag}, or of its parent's (a POM inherits its group and version). */
    private static String text(Element project, String tag, Element parent) {
        Element own = child(project, tag);
        if (own != null) {
            return own.getTextContent().strip();
        }
        return parent == null ? null : text(parent, tag, null);
    }

    private static Element child(Element element, String tag) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(tag)) {
                return child;
            }
        }
        return null;
    }
}
