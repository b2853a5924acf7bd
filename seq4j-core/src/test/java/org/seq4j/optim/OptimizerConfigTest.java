package org.seq4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seq4j.optim.Params.assertClose;
import static org.seq4j.optim.Params.param;
import static org.seq4j.optim.Params.setGrad;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seq4j.autograd.Variable;

/** config() / fromConfig(): round trips through JSON, and configs as tf.keras and Keras 3 write them. */
class OptimizerConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> viaJson(Map<String, Object> config) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(config), new TypeReference<Map<String, Object>>() {});
    }

    private static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text.replace('\'', '"'), new TypeReference<Map<String, Object>>() {});
    }

    @Test
    void roundTripKeepsConfigAndBehaviour() throws Exception {
        List<Optimizer> optimizers = List.of(
                new SGD(0.05).withMomentum(0.8).withNesterov(true).withClipvalue(0.5),
                new RMSprop(new ExponentialDecay(0.01, 10, 0.9, true)).withRho(0.8).withMomentum(0.3)
                        .withEpsilon(1e-6).withCentered(true).withGlobalClipnorm(2),
                new Adam(new PiecewiseConstantDecay(List.of(1L, 3L), List.of(0.1, 0.01, 0.001))).withBeta1(0.8)
                        .withBeta2(0.99).withEpsilon(1e-5).withAmsgrad(true).withClipnorm(1.5),
                new AdamW(new CosineDecay(0.01, 100, 0.1), 0.02),
                new AdamW(0.01, 0),
                new SGD(new InverseTimeDecay(0.5, 2, 1.0)).withWeightDecay(0.01));
        for (Optimizer original : optimizers) {
            Optimizer copy = Optimizer.fromConfig(viaJson(original.config()));
            assertEquals(original.getClass(), copy.getClass());
            assertEquals(original.config(), copy.config(), original.name());
            Variable a = param(0.5, -1, 2);
            Variable b = param(0.5, -1, 2);
            double[][] grads = {{0.1, -2, 0.3}, {-0.4, 0.5, 0.05}, {3, 0.2, -0.6}, {0.1, 0.1, 0.1}};
            for (double[] g : grads) {
                setGrad(a, g);
                setGrad(b, g);
                original.apply(List.of(a));
                copy.apply(List.of(b));
            }
            assertClose(Params.toDouble(a.data()), b.data(), 0, original.name() + " after round trip");
        }
    }

    @Test
    void configUsesKerasNames() {
        Map<String, Object> c = new Adam(0.002).withClipnorm(1).config();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "Adam");
        expected.put("learning_rate", 0.002);
        expected.put("beta_1", 0.9);
        expected.put("beta_2", 0.999);
        expected.put("epsilon", 1e-7);
        expected.put("amsgrad", false);
        expected.put("weight_decay", 0.0);
        expected.put("clipnorm", 1.0);
        expected.put("clipvalue", null);
        expected.put("global_clipnorm", null);
        assertEquals(expected, c);
        Map<String, Object> schedule = LearningRateSchedule.serialize(new ExponentialDecay(0.1, 1000, 0.96));
        assertEquals(Map.of("class_name", "ExponentialDecay", "config", Map.of("initial_learning_rate", 0.1,
                "decay_steps", 1000L, "decay_rate", 0.96, "staircase", false)), schedule);
    }

    /** tf.keras 2.11+ get_config() of Adam (new optimizer). */
    @Test
    void readsTfKeras211Config() throws Exception {
        Optimizer o = Optimizer.fromConfig(json("{'name': 'Adam', 'weight_decay': null, 'clipnorm': null, "
                + "'global_clipnorm': 1.0, 'clipvalue': null, 'use_ema': false, 'ema_momentum': 0.99, "
                + "'ema_overwrite_frequency': null, 'jit_compile': false, 'is_legacy_optimizer': false, "
                + "'learning_rate': 0.0010000000474974513, 'beta_1': 0.9, 'beta_2': 0.999, 'epsilon': 1e-07, "
                + "'amsgrad': true}"));
        assertInstanceOf(Adam.class, o);
        assertEquals(true, o.config().get("amsgrad"));
        assertEquals(1.0, o.config().get("global_clipnorm"));
        assertEquals(0.0010000000474974513, o.learningRate());
    }

    /** Legacy tf.keras (optimizer_v2) get_config() writes decay 0.0. */
    @Test
    void readsLegacyTfKerasConfig() throws Exception {
        Optimizer o = Optimizer.fromConfig(json("{'name': 'RMSprop', 'learning_rate': 0.001, 'decay': 0.0, "
                + "'rho': 0.9, 'momentum': 0.0, 'epsilon': 1e-07, 'centered': false}"));
        assertInstanceOf(RMSprop.class, o);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizer.fromConfig(
                json("{'name': 'SGD', 'learning_rate': 0.01, 'decay': 0.001}")));
        assertTrue(e.getMessage().contains("`decay`"), e.getMessage());
    }

    /** Keras 3 serialize(): wrapped, lower-case name, a schedule with module and registered_name. */
    @Test
    void readsKeras3SerializedForm() throws Exception {
        Optimizer o = Optimizer.fromConfig(json("{'module': 'keras.optimizers', 'class_name': 'AdamW', "
                + "'config': {'name': 'adamw', 'learning_rate': {'module': 'keras.optimizers.schedules', "
                + "'class_name': 'ExponentialDecay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 1000, "
                + "'decay_rate': 0.96, 'staircase': false, 'name': 'ExponentialDecay'}, 'registered_name': null}, "
                + "'weight_decay': 0.004, 'clipnorm': null, 'global_clipnorm': null, 'clipvalue': null, "
                + "'use_ema': false, 'ema_momentum': 0.99, 'ema_overwrite_frequency': null, "
                + "'loss_scale_factor': null, 'gradient_accumulation_steps': null, 'beta_1': 0.9, "
                + "'beta_2': 0.999, 'epsilon': 1e-07, 'amsgrad': false}, 'registered_name': null}"));
        assertInstanceOf(AdamW.class, o);
        assertEquals(new ExponentialDecay(0.1, 1000, 0.96), o.learningRateSchedule());
        assertEquals(0.004, o.weightDecay());
    }

    @Test
    void nameAloneGivesDefaults() {
        assertEquals(new Adam().config(), Optimizer.fromConfig(Map.of("name", "adam")).config());
        assertEquals(new SGD().config(), Optimizer.fromConfig(Map.of("class_name", "sgd")).config());
        assertEquals(new AdamW().config(), Optimizer.fromConfig(Map.of("name", "AdamW")).config());
    }

    @Test
    void badConfigsAreExplained() throws Exception {
        assertEquals("Could not interpret optimizer identifier: 'Adagrad'. Expected one of SGD, RMSprop, Adam, AdamW.",
                assertThrows(IllegalArgumentException.class,
                        () -> Optimizer.fromConfig(Map.of("name", "Adagrad"))).getMessage());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> Optimizer.fromConfig(json("{'name': 'Adam', 'beta1': 0.5}"))).getMessage();
        assertTrue(unknown.startsWith("Adam config: unrecognized key(s) [beta1]. Known keys: ["), unknown);
        assertEquals("Adam config: `beta_1` must be a number, got 0.5 (String).",
                assertThrows(IllegalArgumentException.class,
                        () -> Optimizer.fromConfig(json("{'name': 'Adam', 'beta_1': '0.5'}"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.fromConfig(json("{'name': 'Adam', 'use_ema': true}")));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.fromConfig(json("{'name': 'AdamW', 'weight_decay': null}")));
        assertThrows(IllegalArgumentException.class,
                () -> Optimizer.fromConfig(json("{'name': 'SGD', 'clipnorm': 1, 'clipvalue': 1}")));
        assertEquals("ExponentialDecay config: missing required key `decay_rate`.",
                assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fromConfig(json(
                        "{'class_name': 'ExponentialDecay', 'config': {'initial_learning_rate': 0.1, "
                                + "'decay_steps': 10}}"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fromConfig(json(
                "{'class_name': 'CosineDecay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 10, "
                        + "'warmup_target': 0.5, 'warmup_steps': 5}}")));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.fromConfig(json(
                "{'class_name': 'ExponentialDecay', 'config': {'initial_learning_rate': 0.1, 'decay_steps': 10.5, "
                        + "'decay_rate': 0.5}}")));
    }
}
