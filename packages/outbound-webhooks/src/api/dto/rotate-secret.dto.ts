import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  WEBHOOK_SECRET_MAX_LENGTH,
  WEBHOOK_SECRET_MIN_LENGTH,
} from '../../security/input-limits';
import { IsWebhookSecret } from './webhook-secret.rule';

/** Longest rotation overlap, in ms (30 days). */
export const ROTATION_OVERLAP_MAX_MS = 30 * 86_400_000;

const hint = (correctionSuggestion: string) => ({
  context: { correctionSuggestion },
});

/** Body of `POST /{uuid}/rotate-secret`. */
export class RotateSecretDto {
  @ApiProperty({
    writeOnly: true,
    minLength: WEBHOOK_SECRET_MIN_LENGTH,
    maxLength: WEBHOOK_SECRET_MAX_LENGTH,
    description: 'The new signing secret; never returned.',
  })
  @IsString(hint('Send the new secret as a string.'))
  @Length(
    WEBHOOK_SECRET_MIN_LENGTH,
    WEBHOOK_SECRET_MAX_LENGTH,
    hint(
      `Use a secret of ${WEBHOOK_SECRET_MIN_LENGTH} to ${WEBHOOK_SECRET_MAX_LENGTH} characters.`,
    ),
  )
  @IsWebhookSecret()
  secret!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: ROTATION_OVERLAP_MAX_MS,
    description:
      'How long the old secret keeps signing too, in ms; module option secretRotationOverlapMs when absent; 0 drops it at once.',
  })
  @IsOptional()
  @IsInt(hint('Send a whole number of milliseconds.'))
  @Min(0, hint('Send 0 or more milliseconds.'))
  @Max(ROTATION_OVERLAP_MAX_MS, hint('Send at most 30 days in milliseconds.'))
  overlapMs?: number;
}
