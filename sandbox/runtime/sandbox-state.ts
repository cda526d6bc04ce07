import { defaultProfile, type BusinessProfile } from '../account/business-profile';
import { MediaStore } from '../media/media-store';
import { InboundLog } from '../messages/inbound-log';
import { MessageLog } from '../messages/message-log';
import { ServiceWindows } from '../messages/service-window';
import { SlidingWindowCounter } from '../messages/sliding-window';
import { DeletedTemplateNames } from '../templates/deleted-names';
import { TemplateStore } from '../templates/template-store';

/** An app subscribed to the WABA's webhooks, optionally with its own callback URL. */
export interface Subscription {
  overrideCallbackUri: string | null;
  /** The verify token the override URL was verified with; re-verification uses it too. */
  overrideVerifyToken: string | null;
}

/** The app's own webhook subscription (`/{app-id}/subscriptions`, object whatsapp_business_account). */
export interface AppSubscription {
  callbackUrl: string;
  verifyToken: string;
  /** Subscribed field name -> the Graph version it was subscribed with. */
  fields: Map<string, string>;
}

/** Everything a reset returns to the start state. */
export class SandboxState {
  readonly media = new MediaStore();
  readonly templates = new TemplateStore();
  /** Deleted template names stay reserved for 30 days; a reset forgets them. */
  readonly deletedTemplateNames = new DeletedTemplateNames();
  readonly messages = new MessageLog();
  readonly inbound = new InboundLog();
  readonly windows = new ServiceWindows();
  /** Sends per phone number over the last second. */
  readonly throughput = new SlidingWindowCounter(1000);
  /** Sends per (phone number, recipient) pair over the last six seconds. */
  readonly pairs = new SlidingWindowCounter(6000);
  profile: BusinessProfile = defaultProfile();
  subscription: Subscription | null = null;
  appSubscription: AppSubscription | null = null;

  clear(): void {
    this.media.clear();
    this.templates.clear();
    this.deletedTemplateNames.clear();
    this.messages.clear();
    this.inbound.clear();
    this.windows.clear();
    this.throughput.clear();
    this.pairs.clear();
    this.profile = defaultProfile();
    this.subscription = null;
    this.appSubscription = null;
  }
}
