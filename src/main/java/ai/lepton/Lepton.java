package ai.lepton;

import ai.lepton.train.EngineInfo;

/**
 * The facade a notebook uses. Everything a {@code %lepton} magic does is reachable from here in
 * plain Java, and the reverse.
 */
public final class Lepton {

    private Lepton() {
    }

    /** The deep-learning engine Lepton trains with, and the devices it can see. Loads the engine on first use. */
    public static EngineInfo engine() {
        return EngineInfo.current();
    }

    /** Lepton's version, from the library's jar; {@code "dev"} when run from classes. */
    public static String version() {
        String version = Lepton.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
