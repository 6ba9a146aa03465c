-- DropIndex
DROP INDEX "Answer_answeredAt_score_idx";

-- DropIndex
DROP INDEX "Answer_touchpointId_answeredAt_score_idx";

-- CreateIndex
CREATE INDEX "Answer_teamId_score_answeredAt_idx" ON "Answer"("teamId", "score", "answeredAt");

-- CreateIndex
CREATE INDEX "Answer_touchpointId_score_answeredAt_idx" ON "Answer"("touchpointId", "score", "answeredAt");

-- CreateIndex
CREATE INDEX "Answer_score_answeredAt_idx" ON "Answer"("score", "answeredAt");
