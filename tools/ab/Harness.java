import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.seq4j.data.SequenceBatcher;
import org.seq4j.data.TokenSequences;
import org.seq4j.layers.RandomSeed;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.optim.Adam;
import org.seq4j.spec.ModelSpec;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Feed;
import org.seq4j.train.Feeds;
import org.seq4j.train.Sequential;

/**
 * Loaded once per build by {@link AB}: a Runnable that trains one round over fixed synthetic IMDB-like batches of
 * 128 reviews (one per length given, lengths ±15 %, or ±{@code -Dspread} as a fraction: 0.9 for a random batch's
 * mix of lengths), or predicts them. Token ids follow a Zipf law over the
 * 10,000-word vocabulary ({@code -Dzipf=1.0}, the default; real IMDB batches repeat their ids about as much:
 * ~10 % of a batch's tokens are distinct), or are uniform with {@code -Dzipf=0}.
 */
public class Harness {
    public static Runnable setup(String model, int[] lens, boolean predict) {
        RandomSeed.set(42);
        Sequential m = ModelSpec.build(model, null);
        m.compile(new Adam(1e-3), new BinaryCrossentropy(false), "accuracy");
        SplittableRandom rnd = new SplittableRandom(7);
        double zipf = Double.parseDouble(System.getProperty("zipf", "1.0"));
        double spread = Double.parseDouble(System.getProperty("spread", "0.15")); // lengths len · (1 ± spread)
        double[] cdf = new double[9998]; // ids 2..9999 (0 is padding, 1 out-of-vocabulary)
        double total = 0;
        for (int k = 0; k < cdf.length; k++) cdf[k] = total += Math.pow(k + 1, -zipf);
        for (int k = 0; k < cdf.length; k++) cdf[k] /= total;
        List<Feed> feeds = new ArrayList<>();
        for (int len : lens) {
            int[][] ids = new int[128][];
            float[] y = new float[128];
            for (int i = 0; i < 128; i++) {
                ids[i] = new int[Math.max(1, (int) (len * (1 - spread + 2 * spread * rnd.nextDouble())))];
                for (int t = 0; t < ids[i].length; t++) {
                    int rank = Arrays.binarySearch(cdf, rnd.nextDouble());
                    ids[i][t] = 2 + Math.min(cdf.length - 1, rank < 0 ? -rank - 1 : rank);
                }
                y[i] = rnd.nextInt(2);
            }
            SequenceBatcher b = SequenceBatcher.builder(TokenSequences.binary(ids, y)).batchSize(128).shuffle(false).build();
            feeds.add(Feeds.of(b).epoch(0).next());
        }
        if (predict) {
            Tensor all = concat(feeds);
            int batch = Integer.getInteger("predict.batch", 128);
            return () -> m.predict(all, batch);
        }
        return () -> {
            for (Feed f : feeds) m.trainOnBatch(f);
        };
    }

    /** The batches' ids as one right-padded (rows, T) tensor. */
    static Tensor concat(List<Feed> feeds) {
        int rows = 0, time = 0;
        for (Feed f : feeds) {
            rows += f.inputs().get(0).shape()[0];
            time = Math.max(time, f.inputs().get(0).shape()[1]);
        }
        float[] d = new float[rows * time];
        int r = 0;
        for (Feed f : feeds) {
            Tensor t = f.inputs().get(0);
            int b = t.shape()[0], tt = t.shape()[1];
            for (int i = 0; i < b; i++, r++) System.arraycopy(t.data(), i * tt, d, r * time, tt);
        }
        return Tensor.of(d, rows, time);
    }
}
