package ai.lepton.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class PomDependenciesTest {

    @Test
    void readsAWholePomWithPropertiesRepositoriesAndClassifiers() {
        PomDependencies pom = PomDependencies.parse("""
                <project>
                  <properties><djl.version>0.35.1</djl.version></properties>
                  <repositories><repository><id>corp</id><url>https://repo.example.com/m2</url></repository></repositories>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>managed</groupId><artifactId>only</artifactId><version>1</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>ai.djl</groupId><artifactId>api</artifactId><version>${djl.version}</version></dependency>
                    <dependency><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-native-cpu</artifactId>
                      <version>2.7.1</version><classifier>linux-x86_64</classifier></dependency>
                    <dependency><groupId>org.junit</groupId><artifactId>junit</artifactId><version>5</version><scope>test</scope></dependency>
                  </dependencies>
                </project>""");
        assertEquals(
                List.of("ai.djl:api:0.35.1", "ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1"),
                pom.coordinates());
        assertEquals(Map.of("corp", "https://repo.example.com/m2"), pom.repositories());
    }

    @Test
    void acceptsBareDependencyElements() {
        PomDependencies pom = PomDependencies.parse(
                "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency>");
        assertEquals(List.of("g:a:1"), pom.coordinates());
    }

    @Test
    void namesAnUndefinedProperty() {
        DependencyException error = assertThrows(
                DependencyException.class,
                () -> PomDependencies.parse(
                        "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${missing}</version></dependency>"));
        assertTrue(error.getMessage().contains("${missing} is not defined"), error.getMessage());
    }

    @Test
    void namesTheDependencyWithoutAVersion() {
        DependencyException error = assertThrows(
                DependencyException.class,
                () -> PomDependencies.parse("<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>"));
        assertTrue(
                error.getMessage().contains("dependency 1 needs groupId, artifactId and version"), error.getMessage());
    }

    @Test
    void reportsTheLineOfMalformedXml() {
        DependencyException error = assertThrows(
                DependencyException.class, () -> PomDependencies.parse("<project>\n<dependencies>\n</project>"));
        assertTrue(error.getMessage().contains("not well-formed XML at line 3"), error.getMessage());
    }

    @Test
    void refusesDoctypesSoNoEntityIsExpanded() {
        assertThrows(
                DependencyException.class,
                () -> PomDependencies.parse(
                        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><project>&x;</project>"));
    }
}
