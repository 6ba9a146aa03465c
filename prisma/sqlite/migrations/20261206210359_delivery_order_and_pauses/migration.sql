-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "sendingSince" DATETIME;

-- CreateTable
CREATE TABLE "DeliveryPause" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "OutboxMessage_state_platform_target_id_idx" ON "OutboxMessage"("state", "platform", "target", "id");
