-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "kudosOptOut" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Kudos" (
    "id" SERIAL NOT NULL,
    "answerId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "teamId" INTEGER,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Kudos_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Kudos_answeredAt_idx" ON "Kudos"("answeredAt");

-- CreateIndex
CREATE INDEX "Kudos_personId_answeredAt_idx" ON "Kudos"("personId", "answeredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Kudos_answerId_personId_key" ON "Kudos"("answerId", "personId");

-- AddForeignKey
ALTER TABLE "Kudos" ADD CONSTRAINT "Kudos_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kudos" ADD CONSTRAINT "Kudos_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Kudos" ADD CONSTRAINT "Kudos_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;
