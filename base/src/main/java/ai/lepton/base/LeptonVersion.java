package ai.lepton.base;

/** Lepton's version, as its jars record it ({@code Implementation-Version}); {@code "dev"} when run from classes. */
public final class LeptonVersion {

    private LeptonVersion() {}

    public static String current() {
        String version = LeptonVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
