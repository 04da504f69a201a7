package ai.lepton.promote;

/** Model and alias names: safe as folder names and as Maven artifact ids. */
final class ModelNames {

    private ModelNames() {}

    static String checked(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new PromotionException(
                    "'" + name + "' cannot name a model: use lower-case letters, digits, '.', '_' or '-', starting with"
                            + " a letter or digit (it becomes a folder and a Maven artifact id), for example penguins-mlp.");
        }
        return name;
    }

    static void checkAlias(String alias) {
        if (alias == null || !alias.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new PromotionException(
                    "'" + alias + "' cannot name an alias: use lower-case letters, digits, '_' or '-', starting with a"
                            + " letter, for example staging or production.");
        }
    }
}
