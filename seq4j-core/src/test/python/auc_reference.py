#!/usr/bin/env python3
"""Reference values for AUCTest: tf.keras' default AUC (ROC, 200 thresholds, interpolation), computed the
slow way — every threshold compared with every prediction, as tf.keras' non-bucketed path does — and, for
comparison, the exact rank-based (Mann-Whitney) AUC. Standard library only.

Run: /usr/bin/python3 seq4j-core/src/test/python/auc_reference.py
"""

EPS = 1e-7


def keras_auc(y_true, y_pred, weights, num_thresholds=200):
    thresholds = [-EPS] + [(i + 1) / (num_thresholds - 1) for i in range(num_thresholds - 2)] + [1 + EPS]
    tp, fp, fn, tn = ([0.0] * num_thresholds for _ in range(4))
    for y, p, w in zip(y_true, y_pred, weights):
        for i, t in enumerate(thresholds):
            if y != 0 and p > t:
                tp[i] += w
            elif y != 0:
                fn[i] += w
            elif p > t:
                fp[i] += w
            else:
                tn[i] += w

    def div(a, b):
        return a / b if b != 0 else 0.0

    tpr = [div(tp[i], tp[i] + fn[i]) for i in range(num_thresholds)]
    fpr = [div(fp[i], fp[i] + tn[i]) for i in range(num_thresholds)]
    return sum((fpr[i] - fpr[i + 1]) * (tpr[i] + tpr[i + 1]) / 2 for i in range(num_thresholds - 1))


def exact_auc(y_true, y_pred, weights):
    pos = [(p, w) for y, p, w in zip(y_true, y_pred, weights) if y != 0 and w != 0]
    neg = [(p, w) for y, p, w in zip(y_true, y_pred, weights) if y == 0 and w != 0]
    num = sum(wp * wn * (1.0 if pp > pn else 0.5 if pp == pn else 0.0) for pp, wp in pos for pn, wn in neg)
    return num / (sum(w for _, w in pos) * sum(w for _, w in neg))


CASES = {
    # Predictions away from bucket edges (k/199): the thresholded AUC equals the exact one.
    "weighted": (
        [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
        [0.91, 0.12, 0.46, 0.73, 0.58, 0.33, 0.27, 0.81, 0.64, 0.04],
        [1.0, 2.0, 0.5, 1.0, 1.0, 0.0, 3.0, 1.5, 1.0, 1.0],
    ),
    # 0.501 and 0.502 share a bucket: tf.keras gives half credit where the exact AUC gives full credit.
    "same_bucket": (
        [0, 1, 0, 1],
        [0.501, 0.502, 0.1, 0.9],
        [1.0, 1.0, 1.0, 1.0],
    ),
}

if __name__ == "__main__":
    for name, (y, p, w) in CASES.items():
        print(f"{name}: keras_auc={keras_auc(y, p, w)!r} exact_auc={exact_auc(y, p, w)!r}")
