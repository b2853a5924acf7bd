package org.seq4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seq4j.autograd.Activation;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Dropout;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.GlobalAveragePooling1D;
import org.seq4j.layers.GlobalMaxAveragePooling1D;
import org.seq4j.layers.GlobalMaxPooling1D;
import org.seq4j.layers.InputLayer;
import org.seq4j.layers.Layer;
import org.seq4j.layers.SpatialDropout1D;
import org.seq4j.layers.TimeDistributed;

/**
 * Rebuilds layers from their Keras config ({@code {"class_name": …, "config": …}}), the inverse of
 * {@link org.seq4j.layers.LayerConfig#of}. Layer packages register their classes here.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new LinkedHashMap<>();

    static {
        register("Embedding", c -> new Embedding(ConfigReader.integer(c, "input_dim"), ConfigReader.integer(c, "output_dim"),
                ConfigReader.bool(c, "mask_zero", false), ConfigReader.string(c, "name")));
        register("Dense", c -> new Dense(ConfigReader.integer(c, "units"), Activation.parse(ConfigReader.string(c, "activation")),
                ConfigReader.bool(c, "use_bias", true), ConfigReader.string(c, "name")));
        register("Dropout", c -> {
            int[] noiseShape = null;
            if (c.get("noise_shape") != null) {
                List<Object> ns = ConfigReader.list(c, "noise_shape");
                noiseShape = new int[ns.size()];
                for (int i = 0; i < ns.size(); i++) noiseShape[i] = ns.get(i) == null ? Layer.NONE : ((Number) ns.get(i)).intValue();
            }
            return new Dropout(ConfigReader.number(c, "rate"), noiseShape, ConfigReader.string(c, "name"));
        });
        register("GlobalMaxPooling1D", c -> new GlobalMaxPooling1D(ConfigReader.string(c, "name")));
        register("GlobalAveragePooling1D", c -> new GlobalAveragePooling1D(ConfigReader.string(c, "name")));
        register("GlobalMaxAveragePooling1D", c -> new GlobalMaxAveragePooling1D(ConfigReader.string(c, "name")));
        register("SpatialDropout1D", c -> new SpatialDropout1D(ConfigReader.number(c, "rate"), ConfigReader.string(c, "name")));
        register("TimeDistributed", c -> new TimeDistributed(fromConfig(ConfigReader.map(c, "layer")), ConfigReader.string(c, "name")));
        register("InputLayer", c -> {
            List<Object> s = ConfigReader.list(c, "batch_input_shape");
            int[] shape = new int[s.size() - 1];
            for (int i = 1; i < s.size(); i++) shape[i - 1] = s.get(i) == null ? Layer.NONE : ((Number) s.get(i)).intValue();
            return new InputLayer(shape, ConfigReader.string(c, "name"));
        });
        register("SimpleRNN", org.seq4j.layers.rnn.SimpleRNN::fromConfig);
        register("LSTM", org.seq4j.layers.rnn.LSTM::fromConfig);
        register("GRU", org.seq4j.layers.rnn.GRU::fromConfig);
        register("Bidirectional", org.seq4j.layers.rnn.Bidirectional::fromConfig);
    }

    private LayerRegistry() {}

    /** Adds a factory for a Keras class name. */
    public static synchronized void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /** A new, unbuilt layer from {@code {"class_name": …, "config": …}}. */
    public static Layer fromConfig(Map<String, Object> layerConfig) {
        String cls = ConfigReader.string(layerConfig, "class_name");
        Function<Map<String, Object>, Layer> f;
        synchronized (LayerRegistry.class) {
            f = FACTORIES.get(cls);
        }
        if (f == null) throw new IllegalArgumentException("Unknown layer class \"" + cls + "\"; known: " + FACTORIES.keySet());
        return f.apply(ConfigReader.map(layerConfig, "config"));
    }
}
