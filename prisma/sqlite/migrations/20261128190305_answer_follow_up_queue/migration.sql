-- CreateTable
CREATE TABLE "AnswerFollowUp" (
    "answerId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "queuedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leasedBy" TEXT,
    "leaseUntil" DATETIME,
    CONSTRAINT "AnswerFollowUp_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AnswerFollowUp_queuedAt_idx" ON "AnswerFollowUp"("queuedAt");

-- CreateIndex
CREATE INDEX "AnswerFollowUp_leasedBy_idx" ON "AnswerFollowUp"("leasedBy");
