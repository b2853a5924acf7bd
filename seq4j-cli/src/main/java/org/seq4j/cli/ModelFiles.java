package org.seq4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seq4j.text.TextVectorization;
import org.seq4j.train.Model;

/** Loading a saved text classifier for {@code predict} and {@code evaluate}, with the checks those need. */
final class ModelFiles {
    private ModelFiles() {}

    static Model loadTextModel(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new Errors.UserException("model file " + path + " does not exist. Hint: train one with ./seq4j imdb (it prints where it saved the model)");
        }
        Model m = Model.load(path);
        if (m.textVectorization() == null) {
            throw new Errors.UserException(path + " has no text vectorizer, so it cannot read raw text. Hint: models trained by "
                    + "./seq4j imdb or ./seq4j train carry one; for other models call predict() from Java with token ids");
        }
        return m;
    }

    static TextVectorization vectorizer(Model m) {
        return m.textVectorization();
    }

    /** The class names saved with the model, or "0", "1", … */
    static List<String> labelNames(Model m, int classes) {
        Object names = m.metadata().get("label_names");
        List<String> out = new ArrayList<>();
        if (names instanceof List<?> l && l.size() == classes) {
            for (Object o : l) out.add(String.valueOf(o));
        } else {
            for (int i = 0; i < classes; i++) out.add(Integer.toString(i));
        }
        return out;
    }
}
