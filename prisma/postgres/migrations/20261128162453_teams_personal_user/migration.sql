-- AlterTable
ALTER TABLE "TeamsConversation" ADD COLUMN     "userId" TEXT;

-- CreateIndex
CREATE INDEX "TeamsConversation_userId_idx" ON "TeamsConversation"("userId");
