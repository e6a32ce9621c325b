package dev.httpcourse.course;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two lists of lines (a longest common subsequence; the files here are short). */
final class LineDiff {
    private static final int CONTEXT = 3;

    private LineDiff() {
    }

    /** The hunks, {@code @@ -a,b +c,d @@} and the lines; empty when the two are equal. */
    static List<String> unified(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // the edit script: ' ', '-' or '+' with the indexes in a and b
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {' ', i++, j++});
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new int[] {'+', i, j++});
            } else {
                ops.add(new int[] {'-', i++, j});
            }
        }
        List<Integer> changes = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k)[0] != ' ') {
                changes.add(k);
            }
        }
        List<String> out = new ArrayList<>();
        int c = 0;
        while (c < changes.size()) {
            int first = changes.get(c);
            int last = first;
            while (c + 1 < changes.size() && changes.get(c + 1) - last <= 2 * CONTEXT + 1) {
                last = changes.get(++c);
            }
            c++;
            int start = Math.max(0, first - CONTEXT);
            int end = Math.min(ops.size(), last + CONTEXT + 1);
            int aStart = ops.get(start)[1];
            int bStart = ops.get(start)[2];
            int aCount = 0;
            int bCount = 0;
            List<String> body = new ArrayList<>();
            for (int x = start; x < end; x++) {
                int[] op = ops.get(x);
                switch (op[0]) {
                    case ' ' -> {
                        body.add(" " + a.get(op[1]));
                        aCount++;
                        bCount++;
                    }
                    case '-' -> {
                        body.add("-" + a.get(op[1]));
                        aCount++;
                    }
                    default -> {
                        body.add("+" + b.get(op[2]));
                        bCount++;
                    }
                }
            }
            out.add("@@ -" + (aStart + 1) + "," + aCount + " +" + (bStart + 1) + "," + bCount + " @@");
            out.addAll(body);
        }
        return out;
    }
}
