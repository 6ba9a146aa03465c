-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "sendingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeliveryPause" (
    "scope" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "DeliveryPause_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE INDEX "OutboxMessage_state_platform_target_id_idx" ON "OutboxMessage"("state", "platform", "target", "id");
