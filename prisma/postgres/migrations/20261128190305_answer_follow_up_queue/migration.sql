-- CreateTable
CREATE TABLE "AnswerFollowUp" (
    "answerId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leasedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "AnswerFollowUp_pkey" PRIMARY KEY ("answerId")
);

-- CreateIndex
CREATE INDEX "AnswerFollowUp_queuedAt_idx" ON "AnswerFollowUp"("queuedAt");

-- CreateIndex
CREATE INDEX "AnswerFollowUp_leasedBy_idx" ON "AnswerFollowUp"("leasedBy");

-- AddForeignKey
ALTER TABLE "AnswerFollowUp" ADD CONSTRAINT "AnswerFollowUp_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
